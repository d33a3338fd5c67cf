// Chat simulator: sends what is typed or pressed to /sim/message and shows the replies.
// Every text goes into the page with textContent: nothing the bot or a user says is parsed as HTML.
(function () {
  'use strict';
  var root = document.getElementById('sim');
  if (!root) return;
  var log = document.getElementById('chat-log');
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
  function scroll() { log.scrollTop = log.scrollHeight; }

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
      btn.addEventListener('click', function () {
        send({ taskId: card.taskId, key: b.key }, '〔' + b.text + '〕');
      });
      buttons.appendChild(btn);
    });
    box.appendChild(buttons);
    cards[card.taskId] = box;
  }

  function show(body, who) {
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
    log.appendChild(box);
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
    log.appendChild(el('div', 'msg me', echo));
    scroll();
    return request('POST', '/sim/message', payload)
      .then(function (data) { data.replies.forEach(function (b) { show(b, 'bot'); }); })
      .catch(function (e) { show({ type: 'text', text: e.message }, 'bot error'); })
      .then(poll);
  }

  function poll() {
    return request('GET', '/sim/inbox?as=' + encodeURIComponent(as.value))
      .then(function (data) { data.messages.forEach(function (b) { show(b, 'push'); }); })
      .catch(function () {});
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    send({ text: text }, text);
  });
  as.addEventListener('change', function () {
    log.textContent = '';
    cards = {};
    history.replaceState(null, '', '/sim?as=' + encodeURIComponent(as.value));
    poll();
  });
  setInterval(poll, 5000);
  poll();
})();
