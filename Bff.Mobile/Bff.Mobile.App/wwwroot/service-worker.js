// The app's offline copy. It works the same in a Debug build and a published one, because it keeps what the app
// actually loads rather than a build-time list of files (whose names fingerprinting changes per configuration):
//   the shell (index.html, styles, scripts, _framework, _content): network first, the copy when there is no signal;
//   the catalog's screens (/api/home, /api/products*): network first, the copy when there is no signal;
//   product images (/images/products/*): the copy first (an image of a product id does not change);
//   everything of the customer's (orders, cart prices, cards, checkout) and Identity: never kept, never answered here.
const version = 'v1';
const caches_ = { shell: `shell-${version}`, catalog: `catalog-${version}`, image: `images-${version}` };
const shellPage = 'index.html';
const shellStart = [shellPage, 'css/app.css', 'js/pwa.js', 'manifest.webmanifest', 'app-settings.json',
    'icons/icon.svg', 'icons/icon-192.png', 'icons/icon-512.png'];
const shellPrefixes = ['/_framework/', '/_content/', '/css/', '/js/', '/icons/'];
const shellFiles = ['/manifest.webmanifest', '/app-settings.json', '/service-worker.js'];

self.addEventListener('install', event => {
    event.waitUntil(caches.open(caches_.shell).then(cache => cache.addAll(shellStart)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
    const current = Object.values(caches_);
    event.waitUntil(caches.keys()
        .then(names => Promise.all(names.filter(name => !current.includes(name)).map(name => caches.delete(name))))
        .then(() => self.clients.claim()));
});

// Which copy a GET belongs in, or null for what is never kept.
function kindOf(url, isNavigation) {
    if (url.origin !== self.location.origin) {
        return null;
    }

    const path = url.pathname;
    if (isNavigation) {
        return 'page';
    }
    if (path === '/api/home' || path === '/api/products' || path.startsWith('/api/products/')) {
        return 'catalog';
    }
    if (path.startsWith('/images/products/')) {
        return 'image';
    }
    if (shellFiles.includes(path) || shellPrefixes.some(prefix => path.startsWith(prefix))) {
        return 'shell';
    }
    return null;
}

const keepable = response => response.ok && response.status === 200 && response.type === 'basic';

async function networkFirst(request, cacheName, key) {
    const cache = await caches.open(cacheName);
    try {
        const response = await fetch(request);
        if (keepable(response)) {
            await cache.put(key ?? request, response.clone());
        }
        return response;
    } catch (offline) {
        const copy = await cache.match(key ?? request, { ignoreVary: true });
        if (copy) {
            return copy;
        }
        throw offline;
    }
}

async function copyFirst(request, cacheName) {
    const cache = await caches.open(cacheName);
    const copy = await cache.match(request, { ignoreVary: true });
    if (copy) {
        return copy;
    }
    const response = await fetch(request);
    if (keepable(response)) {
        await cache.put(request, response.clone());
    }
    return response;
}

self.addEventListener('fetch', event => {
    const request = event.request;
    if (request.method !== 'GET') {
        return;
    }

    const kind = kindOf(new URL(request.url), request.mode === 'navigate');
    switch (kind) {
        // Every page of the app is its shell; the app routes in the browser.
        case 'page': event.respondWith(networkFirst(request, caches_.shell, shellPage)); break;
        case 'shell': event.respondWith(networkFirst(request, caches_.shell)); break;
        case 'catalog': event.respondWith(networkFirst(request, caches_.catalog)); break;
        case 'image': event.respondWith(copyFirst(request, caches_.image)); break;
        default: break;
    }
});

// The files the page loaded before this worker controlled it (see js/pwa.js).
self.addEventListener('message', event => {
    if (event.data?.type !== 'keep' || !Array.isArray(event.data.urls)) {
        return;
    }

    event.waitUntil(Promise.all(event.data.urls.map(async address => {
        const url = new URL(address);
        const kind = kindOf(url, false);
        if (kind === null || url.origin !== self.location.origin) {
            return;
        }
        const cache = await caches.open(caches_[kind]);
        if (await cache.match(url, { ignoreVary: true })) {
            return;
        }
        const response = await fetch(url).catch(() => null);
        // Not fetched now (the signal went): the next visit that loads it keeps it.
        if (response && keepable(response)) {
            await cache.put(url, response);
        }
    })));
});
