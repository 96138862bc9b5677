// The voting booth: one visit for all my open scrutins.
//
// Steps: the voting code (typed once, kept in this page's memory only: never in storage,
// cookies or URLs) → each scrutin's ballot in turn → the summary, where every ballot is
// already encrypted and shows its tracking number, and any one may be audited (Benaloh:
// revealed, never cast, replaced by a fresh one) → one confirmation, after which each
// ballot is posted to its scrutin's vote URL (`ballot`, `confirm=1`) → the receipts.
// The portal receives ballots only, never a choice or the code. An error keeps every
// choice. Each step is announced to screen readers and takes the focus.

import * as P from "./protocol.mjs";

const $ = (id) => document.getElementById(id);
const scrutins = JSON.parse($("isoloir-scrutins").textContent);
const M = JSON.parse($("isoloir-messages").textContent);

function say(key, values = {}) {
  return M[key].replace(/%\(([a-z_]+)\)s/g, (_, name) => String(values[name]));
}

const state = {
  code: null, // the normalised voting code, in memory only
  secrets: [], // per scrutin: the credential's secret scalar
  choices: scrutins.map(() => null), // per scrutin: slot index
  prepared: [], // per scrutin: {ballot, text, trackingNumber, randomness}
  receipts: scrutins.map(() => null), // per scrutin: the portal's receipt once cast
  current: 0,
  fromSummary: false, // "Modifier" from the summary comes back to it
  auditUrl: null,
};

function announce(text) {
  const region = $("isoloir-annonce");
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}

function show(stepId) {
  for (const section of document.querySelectorAll(".portal-booth-step")) {
    section.hidden = section.id !== stepId;
  }
  const title = document.querySelector(`#${stepId} h2`);
  title.focus();
}

function element(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function choiceLabel(index, slot) {
  if (slot === 0) return say("blank");
  return scrutins[index].lists.find((item) => item.slot === slot).acronym;
}

// --- step 1: the voting code -----------------------------------------------------------

function codeError(message) {
  const error = $("isoloir-code-erreur");
  const group = $("isoloir-code-groupe");
  const input = $("isoloir-code-saisie");
  error.textContent = message;
  error.hidden = !message;
  group.classList.toggle("fr-input-group--error", Boolean(message));
  input.classList.toggle("fr-input--error", Boolean(message));
  if (message) {
    input.setAttribute("aria-invalid", "true");
    input.focus();
  } else {
    input.removeAttribute("aria-invalid");
  }
}

function acceptCode(event) {
  event.preventDefault();
  const input = $("isoloir-code-saisie");
  if (!input.value.trim()) return codeError(say("code_required"));
  let code;
  try {
    code = P.normaliseVotingCode(input.value);
  } catch (error) {
    const key = `code_${error.reason}`;
    return codeError(say(key in M ? key : "code_check"));
  }
  const secrets = [];
  for (const item of scrutins) {
    const credential = P.deriveCredential({ code, campaign: item.campaign, scrutin: item.code });
    if (credential.public !== item.credential) {
      return codeError(say("code_not_yours", { title: item.title }));
    }
    if (P.fingerprint(item.manifest) !== item.fingerprint) {
      return codeError(say("manifest_mismatch", { title: item.title }));
    }
    secrets.push(credential.secret);
  }
  state.code = code;
  state.secrets = secrets;
  input.value = ""; // the code stays in memory only, not in the page
  codeError("");
  showBallot(firstPending(), say("code_ok"));
}

// --- step 2: each ballot ---------------------------------------------------------------

function pending() {
  return scrutins.map((_, index) => index).filter((index) => !state.receipts[index]);
}

function firstPending() {
  return pending()[0];
}

function radio(index, slot, label, hint, pdf) {
  const id = `isoloir-choix-${index}-${slot}`;
  const input = element("input", { type: "radio", id, name: "choix", value: String(slot) });
  input.checked = state.choices[index] === slot;
  const labelNode = element("label", { className: "fr-label", for: id, text: label });
  if (hint) labelNode.append(element("span", { className: "fr-hint-text", text: hint }));
  const box = element(
    "div", { className: "fr-fieldset__element" },
    element("div", { className: "fr-radio-group fr-radio-rich" }, input, labelNode),
  );
  if (pdf) {
    box.append(element("p", { className: "fr-text--sm fr-mt-1w" },
      element("a", { className: "fr-link fr-link--sm", href: pdf, text: say("pdf", { acronym: label }) })));
  }
  return box;
}

function showBallot(index, announcement = "") {
  state.current = index;
  const item = scrutins[index];
  const order = pending();
  const position = order.indexOf(index);
  const title = say("step_ballot", { n: position + 1, total: order.length, title: item.title });
  $("etape-bulletin-titre").textContent = title;
  $("etape-bulletin-type").textContent = item.kind;
  const options = $("isoloir-options");
  options.replaceChildren(
    ...item.lists.map((lst) => radio(index, lst.slot, lst.acronym, lst.organisation, lst.pdf)),
    radio(index, 0, say("blank"), say("blank_hint"), ""),
  );
  choiceError("");
  const last = position === order.length - 1 || state.fromSummary;
  $("isoloir-suivant").textContent = last ? say("last") : say("next");
  $("isoloir-precedent").hidden = position === 0;
  show("etape-bulletin");
  announce([announcement, title].filter(Boolean).join(" "));
}

function choiceError(message) {
  const box = $("isoloir-choix-erreur");
  box.replaceChildren();
  $("isoloir-choix").classList.toggle("fr-fieldset--error", Boolean(message));
  if (message) {
    box.append(element("p", { className: "fr-message fr-message--error", text: message }));
    $("isoloir-options").querySelector("input").focus();
  }
}

function readChoice() {
  const checked = $("isoloir-options").querySelector("input:checked");
  return checked ? Number(checked.value) : null;
}

function nextBallot(event) {
  event.preventDefault();
  const choice = readChoice();
  if (choice === null) return choiceError(say("choose"));
  if (state.choices[state.current] !== choice) state.prepared[state.current] = null;
  state.choices[state.current] = choice;
  const order = pending();
  const position = order.indexOf(state.current);
  if (position < order.length - 1 && !state.fromSummary) showBallot(order[position + 1]);
  else showSummary();
}

function previousBallot() {
  const choice = readChoice();
  if (choice !== null) {
    if (state.choices[state.current] !== choice) state.prepared[state.current] = null;
    state.choices[state.current] = choice;
  }
  const order = pending();
  showBallot(order[Math.max(0, order.indexOf(state.current) - 1)]);
}

// --- step 3: the summary, audit and cast ---------------------------------------------

function prepare(index) {
  state.prepared[index] = P.makeBallot({
    manifest: scrutins[index].manifest,
    choice: state.choices[index],
    secret: state.secrets[index],
  });
  return state.prepared[index];
}

function definition(term, value, className = "") {
  return [element("dt", { text: term }), element("dd", { className, text: value })];
}

function renderSummary() {
  const list = $("isoloir-resume");
  list.replaceChildren();
  for (const index of pending()) {
    const item = scrutins[index];
    const prepared = state.prepared[index] || prepare(index);
    const details = element("dl");
    details.append(
      ...definition(say("your_choice"), choiceLabel(index, state.choices[index]), "portal-booth-choice"),
      ...definition(say("tracking"), P.formatTrackingNumber(prepared.trackingNumber), "portal-tracker"),
      ...definition(say("fingerprint"), item.fingerprint, "portal-hash fr-text--xs"),
    );
    const modify = element("button", {
      type: "button", className: "fr-btn fr-btn--secondary fr-btn--sm", text: say("modify"),
      "aria-label": `${say("modify")} : ${item.title}`,
    });
    modify.addEventListener("click", () => showBallot(index));
    const audit = element("button", {
      type: "button", className: "fr-btn fr-btn--tertiary fr-btn--sm", text: say("audit"),
      "aria-label": `${say("audit")} : ${item.title}`,
    });
    audit.addEventListener("click", () => auditBallot(index));
    list.append(element("li", { className: "fr-mb-3w", "data-scrutin": item.code },
      element("h3", { className: "fr-h6 fr-mb-1w", text: item.title }),
      details,
      element("ul", { className: "fr-btns-group fr-btns-group--inline-sm" },
        element("li", {}, modify), element("li", {}, audit)),
    ));
  }
  const count = pending().length;
  $("isoloir-valider").textContent = count === 1 ? say("cast_one") : say("cast_many", { n: count });
}

function showSummary(announcement = "") {
  state.fromSummary = true;
  renderSummary();
  show("etape-resume");
  announce(announcement || say("encrypted"));
}

function auditBallot(index) {
  const item = scrutins[index];
  const audited = state.prepared[index];
  const file = P.auditFile({
    manifest: item.manifest,
    ballot: audited.ballot,
    choice: state.choices[index],
    randomness: audited.randomness,
  });
  // The audited ballot is discarded: it can never be cast (the portal also refuses its α).
  state.prepared[index] = null;
  const fresh = prepare(index);
  const panel = $("isoloir-audit");
  const details = $("isoloir-audit-details");
  details.replaceChildren(
    ...definition(item.title, choiceLabel(index, state.choices[index])),
    ...definition(say("audited_tracking"), P.formatTrackingNumber(audited.trackingNumber), "portal-tracker"),
    ...definition(say("audited_randomness"), audited.randomness.join(" "), "portal-hash fr-text--xs"),
  );
  if (state.auditUrl) URL.revokeObjectURL(state.auditUrl);
  state.auditUrl = URL.createObjectURL(new Blob([file], { type: "application/json" }));
  const download = $("isoloir-audit-fichier");
  download.href = state.auditUrl;
  download.setAttribute("download", `audit-${item.code}-${audited.trackingNumber.slice(0, 8)}.json`);
  $("isoloir-audit-contenu").value = file;
  panel.hidden = false;
  renderSummary();
  panel.focus();
  announce(say("audited_new", {
    title: item.title, tracking: P.formatTrackingNumber(fresh.trackingNumber),
  }));
}

function csrfToken() {
  return document.querySelector("input[name=csrfmiddlewaretoken]").value;
}

async function castOne(index) {
  const item = scrutins[index];
  const prepared = state.prepared[index] || prepare(index);
  const body = new FormData();
  body.append("ballot", prepared.text);
  body.append("confirm", "1");
  let answer;
  try {
    const response = await fetch(item.vote_url, {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    });
    answer = await response.json();
  } catch {
    return { ok: false, message: say("network") };
  }
  if (answer.ok && answer.tracking_number !== prepared.trackingNumber) {
    return { ...answer, warning: say("tracking_differs") };
  }
  if (!answer.ok) state.prepared[index] = null; // a retry goes with fresh randomness
  return answer;
}

async function castAll() {
  const button = $("isoloir-valider");
  button.disabled = true;
  $("isoloir-audit").hidden = true;
  const order = pending();
  const outcomes = new Map();
  for (const [position, index] of order.entries()) {
    announce(say("casting", { n: position + 1, total: order.length }));
    const outcome = await castOne(index);
    outcomes.set(index, outcome);
    if (outcome.ok) state.receipts[index] = outcome;
  }
  button.disabled = false;
  showReceipts(outcomes);
}

// --- step 4: the receipts ----------------------------------------------------------------

function showReceipts(outcomes) {
  const list = $("isoloir-recus");
  list.replaceChildren();
  for (const [index, item] of scrutins.entries()) {
    const receipt = state.receipts[index];
    const outcome = outcomes.get(index);
    if (!receipt && !outcome) continue;
    const entry = element("li", { className: "fr-mb-3w", "data-scrutin": item.code },
      element("h3", { className: "fr-h6 fr-mb-1w", text: item.title }));
    if (receipt) {
      const details = element("dl");
      details.append(
        ...definition(say("receipt_tracking"), P.formatTrackingNumber(receipt.tracking_number), "portal-tracker"),
        ...definition(say("receipt_head"), receipt.head, "portal-hash"),
      );
      entry.append(
        element("div", { className: "fr-alert fr-alert--success fr-alert--sm fr-mb-1w" },
          element("p", { text: say("receipt_ok", { when: receipt.voted_at }) })),
        details,
        element("p", {}, element("a", { className: "fr-link", href: item.box_url, text: say("receipt_board") })),
      );
      if (receipt.warning) entry.append(element("p", { className: "fr-error-text", text: receipt.warning }));
    } else {
      entry.append(element("div", { className: "fr-alert fr-alert--error fr-alert--sm" },
        element("p", { text: say("receipt_refused", { message: outcome.message }) })));
    }
    list.append(entry);
  }
  const left = pending().length;
  $("etape-recus-titre").textContent = left ? say("receipts_some") : say("receipts_all");
  $("isoloir-reprendre").hidden = left === 0;
  show("etape-recus");
  announce(left ? `${say("receipts_some")}. ${say("status_kept")}` : say("receipts_all"));
}

// --- start -------------------------------------------------------------------------------

async function start() {
  try {
    await P.ready;
  } catch {
    $("isoloir-sans-js").prepend(element("p", { className: "fr-alert fr-alert--error", text: say("broken") }));
    return;
  }
  $("isoloir-sans-js").hidden = true;
  $("isoloir").hidden = false;
  $("isoloir-code").addEventListener("submit", acceptCode);
  $("isoloir-bulletin").addEventListener("submit", nextBallot);
  $("isoloir-precedent").addEventListener("click", previousBallot);
  $("isoloir-valider").addEventListener("click", castAll);
  $("isoloir-imprimer").addEventListener("click", () => window.print());
  $("isoloir-reprendre").addEventListener("click", () => showSummary());
  document.documentElement.dataset.isoloir = "pret";
}

start();
