// Every page works as plain HTML and forms: no page needs client-side code, so none is sent.
export const csr = false;
