// Chat simulator: sends what is typed or pressed to /sim/message and shows the replies.
// Every text goes into the page with textContent: nothing the bot or a user says is parsed as HTML.
(function () {
  'use strict';
  var root = document.getElementById('sim');
  if (!root) return;
  var frame = document.getElementById('chat-log');
  // One log per person: switching person hides one and shows (or starts) the other.
  var logs = {};
  var log;
  function logOf(userid) {
    if (!logs[userid]) {
      logs[userid] = el('div', 'person-log');
      logs[userid].dataset.as = userid;
      frame.appendChild(logs[userid]);
    }
    return logs[userid];
  }
  function showLog(userid) {
    Object.keys(logs).forEach(function (k) { logs[k].hidden = k !== userid; });
    log = logOf(userid);
    log.hidden = false;
    scroll();
  }
  var form = document.getElementById('sim-form');
  var input = document.getElementById('sim-text');
  var as = document.getElementById('sim-as');
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
  var cards = {};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function scroll() { frame.scrollTop = frame.scrollHeight; }

  function renderCard(box, card) {
    box.appendChild(el('div', 'card-title', card.title));
    if (card.description) box.appendChild(el('div', 'card-desc', card.description));
    if (card.fields && card.fields.length) {
      var f = el('div', 'card-fields');
      card.fields.forEach(function (x) { f.appendChild(el('div', '', x.key + '：' + x.value)); });
      box.appendChild(f);
    }
    var buttons = el('div', 'card-buttons');
    card.buttons.forEach(function (b) {
      var btn = el('button', b.style === 1 ? 'primary' : '', b.text);
      btn.type = 'button';
      btn.dataset.key = b.key;
      // action|proposal id|version: a button made for an older version would be refused.
      var parts = b.key.split('|');
      if (parts.length === 3 && /^\d+$/.test(parts[2])) { btn.dataset.proposal = parts[1]; btn.dataset.version = parts[2]; }
      btn.addEventListener('click', function () {
        send({ taskId: card.taskId, key: b.key }, '〔' + b.text + '〕');
      });
      buttons.appendChild(btn);
    });
    box.appendChild(buttons);
    cards[card.taskId] = box;
  }

  function show(body, who, target) {
    if (body.type === 'cardUpdate') {
      var old = cards[body.taskId];
      if (old) {
        old.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
        old.appendChild(el('div', 'card-done', body.replaceName));
      }
      if (!body.card) return;
      body = { type: 'card', card: body.card };
    }
    var box = el('div', 'msg ' + who);
    if (body.type === 'text') box.textContent = body.text;
    else if (body.type === 'markdown') box.textContent = body.markdown;
    else if (body.type === 'card') renderCard(box, body.card);
    (target || log).appendChild(box);
    scroll();
  }

  function request(method, url, payload) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: payload ? { 'content-type': 'application/json', 'x-csrf-token': csrf } : {},
      body: payload ? JSON.stringify(payload) : undefined,
    }).then(function (res) {
      return res.json().then(function (data) {
        if (!res.ok) throw new Error(data.error || root.dataset.failed);
        return data;
      });
    });
  }

  function send(payload, echo) {
    payload.as = as.value;
    // Replies belong to the person who spoke, even if another is chosen meanwhile.
    var target = log;
    target.appendChild(el('div', 'msg me', echo));
    scroll();
    return request('POST', '/sim/message', payload)
      .then(function (data) { data.replies.forEach(function (b) { show(b, 'bot', target); }); })
      .catch(function (e) { show({ type: 'text', text: e.message }, 'bot error', target); })
      .then(poll);
  }

  /** Disables the buttons of this person's cards made for an older version of their proposal. */
  function refreshButtons() {
    var live = log.querySelectorAll('button[data-version]:not(:disabled)');
    var ids = {};
    live.forEach(function (b) { ids[b.dataset.proposal] = true; });
    var list = Object.keys(ids);
    if (!list.length) return Promise.resolve();
    return request('GET', '/sim/versions?as=' + encodeURIComponent(as.value) + '&ids=' + encodeURIComponent(list.join(',')))
      .then(function (data) {
        live.forEach(function (b) {
          var now = data.versions[b.dataset.proposal];
          if (now !== undefined && now > Number(b.dataset.version)) {
            b.disabled = true;
            b.title = root.dataset.stale;
            var box = b.closest('.msg');
            if (box && !box.querySelector('.card-stale')) box.appendChild(el('div', 'card-stale', root.dataset.stale));
          }
        });
      })
      .catch(function () {});
  }

  function poll() {
    var target = log;
    return request('GET', '/sim/inbox?as=' + encodeURIComponent(as.value))
      .then(function (data) { data.messages.forEach(function (b) { show(b, 'push', target); }); })
      .catch(function () {})
      .then(refreshButtons);
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ text: text }, text);
  });
  as.addEventListener('change', function () {
    showLog(as.value);
    history.replaceState(null, '', '/sim?as=' + encodeURIComponent(as.value));
    poll();
  });
  showLog(as.value);
  setInterval(poll, 5000);
  poll();
})();
