// The few browser APIs the storefront's WebAssembly parts use (Browser/BrowserStorage.cs, Orders/LiveOrderFeed.cs).
const areas = { local: () => window.localStorage, session: () => window.sessionStorage };

export function read(area, key) {
    return areas[area]().getItem(key);
}

export function write(area, key, value) {
    areas[area]().setItem(key, value);
}

export function remove(area, key) {
    areas[area]().removeItem(key);
}

// Server-sent events: the browser's EventSource reconnects on its own and resumes with Last-Event-ID.
export function follow(url, eventName, receiver) {
    const source = new EventSource(url);
    source.addEventListener(eventName, event => receiver.invokeMethodAsync('ReceiveAsync', event.data));
    source.addEventListener('open', () => receiver.invokeMethodAsync('ConnectionChangedAsync', true));
    source.addEventListener('error', () => receiver.invokeMethodAsync('ConnectionChangedAsync', false));
    return { close: () => source.close() };
}
