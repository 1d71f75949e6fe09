// What only the browser knows, for the app: whether there is a signal, and which files this page loaded (so the service
// worker can keep them for a start with no signal).
(() => {
    // Room for every file a Debug build loads one by one (the default buffer keeps 250).
    performance.setResourceTimingBufferSize(2000);
    if ('serviceWorker' in navigator) {
        navigator.serviceWorker.register('service-worker.js');
    }

    window.commerceApp = {
        watchConnectivity(app) {
            const tell = () => app.invokeMethodAsync('OnConnectivityChanged', navigator.onLine);
            window.addEventListener('online', tell);
            window.addEventListener('offline', tell);
            return navigator.onLine;
        },

        // The first visit loads the app before the service worker controls the page; this hands it the list, and it
        // keeps those it would have kept had it seen them.
        async keepLoadedFiles() {
            if (!('serviceWorker' in navigator)) {
                return;
            }

            const registration = await navigator.serviceWorker.ready;
            const urls = performance.getEntriesByType('resource')
                .map(entry => entry.name)
                .filter(url => new URL(url).origin === location.origin);
            registration.active?.postMessage({ type: 'keep', urls });
        },
    };
})();
