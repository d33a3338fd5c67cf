// Import page: posts the chosen file's bytes for a preview, then opens the preview page.
(function () {
  'use strict';
  var form = document.getElementById('import-form');
  if (!form) return;
  var error = document.getElementById('import-error');
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var file = form.elements.file.files[0];
    error.hidden = true;
    if (!file) { error.textContent = form.dataset.needFile; error.hidden = false; return; }
    var q = new URLSearchParams({ name: file.name, receivedAt: form.elements.receivedAt.value, session: form.elements.session.value, kind: form.elements.kind.value });
    var button = form.querySelector('button');
    var label = button.textContent;
    button.disabled = true;
    button.textContent = form.dataset.working;
    fetch('/import/upload?' + q.toString(), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrf },
      body: file,
    })
      .then(function (res) { return res.json().then(function (data) { if (!res.ok) throw new Error(data.error); return data; }); })
      .then(function (data) { window.location.assign(data.location); })
      .catch(function (err) {
        error.textContent = err.message;
        error.hidden = false;
        button.disabled = false;
        button.textContent = label;
      });
  });
})();

// A confirmed import running: follow its progress, then load the page again to show the result.
(function () {
  'use strict';
  var run = document.getElementById('import-run');
  if (!run) return;
  var bar = document.getElementById('import-progress');
  var text = document.getElementById('import-progress-text');
  var template = text.textContent;
  function poll() {
    fetch(run.dataset.status, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) { return res.json(); })
      .then(function (s) {
        if (s.finished) { window.location.reload(); return; }
        bar.value = s.done;
        bar.max = s.total;
        // The first two numbers of the sentence are done and total.
        var n = 0;
        text.textContent = template.replace(/\d+/g, function (d) { n += 1; return n === 1 ? s.done : n === 2 ? s.total : d; });
        setTimeout(poll, 700);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 300);
})();
