// The demo merchant page: fills its wording from the bot's locales, in the browser's language.
(function () {
  'use strict';
  var lang = /^zh/i.test(navigator.language || '') ? 'zh-CN' : 'en';
  fetch('/api/widget/config')
    .then(function (r) { return r.json(); })
    .then(function (config) {
      var ui = config.strings[lang] || config.strings[config.defaultLocale];
      document.documentElement.lang = lang;
      document.documentElement.style.setProperty('--brand', config.primaryColor);
      document.title = ui.site.title;
      document.querySelectorAll('[data-text]').forEach(function (el) {
        el.textContent = el.getAttribute('data-text').split('.').reduce(function (o, k) { return o[k]; }, ui);
      });
      var steps = document.getElementById('site-steps');
      ui.site.steps.forEach(function (step) {
        var li = document.createElement('li');
        li.textContent = step;
        steps.appendChild(li);
      });
    });
})();
