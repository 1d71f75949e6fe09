// The library's requests fail with { statusCode, statusText, message } (utilities/request-from-api.js).
// Keep the API's status and message for the error page; SvelteKit's default says only "Internal Error".
export function handleError({ error, message }) {
  const statusCode = error?.statusCode;
  return {
    message: error?.message ?? message,
    ...(statusCode === undefined ? {} : { statusCode }),
  };
}
