// Host-page snippet for the iframe embed: resizes each leverage-reset iframe to the height its
// page reports, and only that iframe (the message must come from its own window). Accepts both
// the Datawrapper object form and AMP's embed-size form. Include once:
//   <iframe src="https://host/leverage-reset/index.html?id=lr1" data-leverage-reset
//           sandbox="allow-scripts allow-same-origin allow-downloads" title="Bitcoin's leverage reset, explained"
//           style="width:100%;border:0" height="900" loading="lazy"></iframe>
//   <script src="https://host/leverage-reset/embed-parent.js" defer></script>
(function () {
  window.addEventListener('message', function (event) {
    var frames = document.querySelectorAll('iframe[data-leverage-reset]');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (event.source !== frame.contentWindow) continue;
      var data = event.data || {};
      var height = null;
      if (data.sentinel === 'amp' && data.type === 'embed-size') height = data.height;
      else if (data['datawrapper-height']) {
        for (var key in data['datawrapper-height']) height = data['datawrapper-height'][key];
      }
      if (typeof height === 'number' && height > 0 && height < 100000) frame.height = String(Math.ceil(height));
      if (data.type === 'leverage-reset:state') {
        frame.dispatchEvent(new CustomEvent('leverage-reset:state', { detail: { scenario: data.scenario, reference_date: data.reference_date }, bubbles: true }));
      }
    }
  });
})();
