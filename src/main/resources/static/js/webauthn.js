// The browser's WebAuthn API with the JSON that Spring Security's passkey routes speak:
// binary fields as base64url strings both ways.

export function supported() {
  return Boolean(window.PublicKeyCredential && navigator.credentials);
}

function encode(buffer) {
  const text = String.fromCharCode(...new Uint8Array(buffer));
  return window.btoa(text).replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function decode(base64url) {
  const text = window.atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(text, (character) => character.charCodeAt(0)).buffer;
}

const withBinaryIds = (descriptors) => (descriptors || []).map((descriptor) => ({ ...descriptor, id: decode(descriptor.id) }));

/** navigator.credentials.create with the server's creation options; the new credential as JSON. */
export async function createCredential(options) {
  const publicKey = {
    ...options,
    user: { ...options.user, id: decode(options.user.id) },
    challenge: decode(options.challenge),
    excludeCredentials: withBinaryIds(options.excludeCredentials),
  };
  const credential = await navigator.credentials.create({ publicKey });
  const { response } = credential;
  return {
    id: credential.id,
    rawId: encode(credential.rawId),
    response: {
      attestationObject: encode(response.attestationObject),
      clientDataJSON: encode(response.clientDataJSON),
      transports: response.getTransports ? response.getTransports() : [],
    },
    type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment,
  };
}

/**
 * navigator.credentials.get with the server's request options (conditional: offered in
 * the username field's autofill); the assertion as JSON.
 */
export async function getAssertion(options, { conditional = false, signal } = {}) {
  const publicKey = { ...options, challenge: decode(options.challenge), allowCredentials: withBinaryIds(options.allowCredentials) };
  const request = { publicKey, signal };
  if (conditional) request.mediation = 'conditional';
  const credential = await navigator.credentials.get(request);
  const { response } = credential;
  return {
    id: credential.id,
    rawId: encode(credential.rawId),
    response: {
      authenticatorData: encode(response.authenticatorData),
      clientDataJSON: encode(response.clientDataJSON),
      signature: encode(response.signature),
      userHandle: response.userHandle ? encode(response.userHandle) : undefined,
    },
    type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment,
  };
}

/** Whether the browser offers passkeys in autofill (conditional mediation). */
export async function autofillAvailable() {
  return Boolean(supported() && PublicKeyCredential.isConditionalMediationAvailable
    && await PublicKeyCredential.isConditionalMediationAvailable());
}
