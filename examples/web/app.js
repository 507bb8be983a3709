// The demo page of `flowstate serve --demo`: lists the server's flows, runs one with forms rendered from its
// schemas, follows it live and shows its history. Everything goes through @flowstate/client (served at ./sdk/).
import { ConflictError, FlowstateClient, renderForm } from "./sdk/index.js";

const client = new FlowstateClient({ baseUrl: location.origin });
const $ = (id) => document.getElementById(id);
let current = { flow: null, process: null, subscription: null, unwatch: null, form: null, formVersion: null };

window.flowstateDemo = { client, get process() { return current.process; } };

async function main() {
  const flows = await client.flows();
  const list = $("flows");
  list.replaceChildren(...flows.map((flow) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = flow.title || flow.id;
    button.dataset.flow = flow.id;
    button.addEventListener("click", () => open(flow.id));
    item.append(button);
    return item;
  }));
  $("start-over").addEventListener("click", startOver);
  const wanted = new URLSearchParams(location.search).get("flow") ?? location.hash.slice(1);
  if (wanted) await open(wanted);
}

/** Shows the flow's remembered process (after a reload, in another tab) or starts a new one. */
async function open(flow) {
  current.subscription?.close();
  current.unwatch?.();
  current.flow = flow;
  history.replaceState(null, "", `#${flow}`);
  document.querySelectorAll("#flows button").forEach((b) => b.setAttribute("aria-current", String(b.dataset.flow === flow)));
  $("events").replaceChildren();
  const cachedId = client.remembered(flow);
  const cached = cachedId && client.cached(cachedId);
  if (cached) show(cached); // at once from the local cache, then fresh from the server
  const process = (await client.resume(flow)) ?? (await client.start(flow));
  follow(process);
}

function follow(process) {
  show(process);
  current.subscription = client.subscribe(process.processId, (event) => {
    const item = document.createElement("li");
    item.textContent = `v${event.version} ${event.type}`;
    item.dataset.version = String(event.version);
    $("events").append(item);
    refreshHistory(process.processId);
  });
  // newer versions from this tab's writes, its events, or another tab (BroadcastChannel)
  current.unwatch = client.watch(process.processId, (latest) => show(latest));
}

function show(process) {
  const before = current.process;
  current.process = process;
  $("process-flow").textContent = process.flow;
  $("process-status").textContent = process.status;
  $("process-version").textContent = String(process.version);
  $("process-id").textContent = process.processId;
  $("state").textContent = JSON.stringify(process.state, null, 2);
  $("start-over").hidden = false;
  const step = process.status === "waiting" ? process.nextStep : null;
  const sameForm = step && current.form && before?.processId === process.processId && current.form.form.dataset.step === step.id;
  if (!sameForm) {
    current.form?.destroy();
    current.form = null;
    if (step) {
      current.formVersion = process.version;
      current.form = renderForm($("form-area"), step, {
        values: process.state,
        submitLabel: "Continue",
        onSubmit: (input) => submit(process.processId, step.id, input),
      });
    }
  }
  $("result").hidden = process.status === "waiting";
  $("result-json").textContent = JSON.stringify(process.result ?? process.error ?? null, null, 2);
}

async function submit(id, stepId, input) {
  $("message").textContent = "";
  try {
    // the version of the form the person filled: a step taken meanwhile (another tab) is a conflict, not lost
    show(await client.step(id, stepId, input, { ifVersion: current.formVersion }));
  } catch (error) {
    if (error instanceof ConflictError && error.current) {
      $("message").textContent = `This process moved on to version ${error.current.version} meanwhile (another tab?); `
        + "here is where it is now.";
      current.form?.destroy();
      current.form = null;
      show(error.current);
      return;
    }
    throw error; // renderForm shows it: a 422 on its fields, anything else in the form's summary
  }
}

async function refreshHistory(id) {
  try {
    const history = await client.history(id);
    $("history").tBodies[0].replaceChildren(...(history.entries ?? []).map((entry) => {
      const row = document.createElement("tr");
      for (const text of [entry.version, entry.type, (entry.steps ?? []).map((s) => s.step).join(" → ")]) {
        const cell = document.createElement("td");
        cell.textContent = String(text ?? "");
        row.append(cell);
      }
      return row;
    }));
  } catch {
    // a cancelled or expired process has no history any more
  }
}

async function startOver() {
  const process = current.process;
  if (process && process.status === "waiting") await client.cancel(process.processId).catch(() => undefined);
  if (current.flow) {
    client.forget(current.flow);
    await open(current.flow);
  }
}

main().catch((error) => {
  $("message").textContent = `The demo could not load: ${error.message}`;
});
