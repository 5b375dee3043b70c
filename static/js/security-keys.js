// Security keys and passkeys (WebAuthn) on the two-factor pages. Each form marked
// data-security-key asks our server for the ceremony's options, passes them to the browser
// (navigator.credentials.create or get), and posts the key's answer back as JSON; the server
// says where to go next. The forms stay hidden where the browser has no WebAuthn or this file
// does not run: the code form beside them works alone.
document.addEventListener("DOMContentLoaded", () => {
  const forms = document.querySelectorAll("form[data-security-key]");
  if (!forms.length || !window.PublicKeyCredential || !window.fetch) return;

  const toBytes = (text) => {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  };
  const toText = (buffer) => {
    let binary = "";
    new Uint8Array(buffer).forEach((byte) => (binary += String.fromCharCode(byte)));
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };
  const withBytes = (descriptors) =>
    (descriptors || []).map((d) => ({ ...d, id: toBytes(d.id) }));

  // The key's answer in the JSON form py_webauthn reads (WebAuthn Level 3's toJSON()).
  const answer = (credential) => {
    const r = credential.response;
    const response = { clientDataJSON: toText(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toText(r.attestationObject);
      response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      response.authenticatorData = toText(r.authenticatorData);
      response.signature = toText(r.signature);
      if (r.userHandle) response.userHandle = toText(r.userHandle);
    }
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment,
    };
  };

  forms.forEach((form) => {
    const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    const status = form.querySelector("[data-security-key-status]");
    const button = form.querySelector("button");
    const creating = form.dataset.securityKey === "add";
    const post = async (url, body) => {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
        body: JSON.stringify(body || {}),
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(data.error || "The server did not answer: try again.");
      return data;
    };
    const say = (text) => {
      status.textContent = text;
    };

    form.hidden = false;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      button.disabled = true;
      say(creating ? "Touch or unlock your security key now…" : "Use your security key now…");
      try {
        const options = await post(form.dataset.optionsUrl);
        options.challenge = toBytes(options.challenge);
        let credential;
        if (creating) {
          options.user.id = toBytes(options.user.id);
          options.excludeCredentials = withBytes(options.excludeCredentials);
          credential = await navigator.credentials.create({ publicKey: options });
        } else {
          options.allowCredentials = withBytes(options.allowCredentials);
          credential = await navigator.credentials.get({ publicKey: options });
        }
        const body = { credential: answer(credential) };
        const name = form.querySelector("input[name=name]");
        if (name) body.name = name.value;
        const next = form.querySelector("input[name=next]");
        if (next) body.next = next.value;
        const result = await post(form.action, body);
        window.location.assign(result.redirect);
      } catch (error) {
        // A cancelled or timed-out request says so in the browser's own words.
        say(error.name === "NotAllowedError" ? "The key was not used: try again, or enter a code." : error.message);
        button.disabled = false;
      }
    });
  });
});
