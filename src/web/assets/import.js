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
    var q = new URLSearchParams({ name: file.name, receivedAt: form.elements.receivedAt.value, session: form.elements.session.value });
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
