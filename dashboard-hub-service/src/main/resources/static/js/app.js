// Sends the CSRF token with every htmx request and keeps focus sensible after a panel is swapped.
(function () {
  'use strict';
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  document.body.addEventListener('htmx:configRequest', function (event) {
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });
  // After a form in a panel was answered, move focus to its message (or first error) so keyboard and screen-reader
  // users hear the outcome.
  document.body.addEventListener('htmx:afterSwap', function (event) {
    const target = event.detail.target;
    if (!target || !event.detail.requestConfig || event.detail.requestConfig.verb === 'get') {
      return;
    }
    const focus = document.getElementById(target.id) || target;
    const outcome = focus.querySelector('[data-focus-after-swap]');
    if (outcome) {
      outcome.setAttribute('tabindex', '-1');
      outcome.focus();
    }
  });
  // Forms that change something important ask first.
  document.body.addEventListener('submit', function (event) {
    const form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
