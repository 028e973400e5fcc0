// The unsubscribe link's pages, as plain HTML: they open from mail clients, must work without JS,
// and live at a URL that also takes RFC 8058 one-click POSTs, which a Next page cannot answer.
import { maskEmail, type UnsubscribeView } from "./unsubscribe.service";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:24px;
background:#f8fafc;color:#0f172a;font:15px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{width:100%;max-width:420px}
.brand{display:flex;align-items:center;gap:8px;margin-bottom:20px;font-weight:600;font-size:17px}
.logo{display:inline-flex;width:30px;height:30px;align-items:center;justify-content:center;border-radius:7px;background:#3b55e6;color:#fff;font-weight:700}
.card{background:#fff;border-radius:12px;padding:28px;box-shadow:0 1px 2px rgba(15,23,42,.06);outline:1px solid #e2e8f0}
h1{margin:0 0 6px;font-size:20px;letter-spacing:-.01em}
p{margin:0 0 18px;color:#475569}
strong{color:#0f172a}
button{width:100%;border:0;border-radius:7px;padding:10px 14px;font:inherit;font-weight:600;cursor:pointer}
.primary{background:#3b55e6;color:#fff}.primary:hover{background:#2f43c4}
.quiet{margin-top:6px;background:transparent;color:#3b55e6;font-weight:500}.quiet:hover{text-decoration:underline}
.fine{margin:18px 0 0;font-size:13px;color:#64748b}
`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><div class="brand"><span class="logo">H</span>Hookline</div><div class="card">${body}</div></main></body></html>`;
}

function form(action: string, choice: string, label: string, className: string): string {
  return `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="choice" value="${choice}"><button type="submit" class="${className}">${escapeHtml(label)}</button></form>`;
}

export function renderUnsubscribePage(view: UnsubscribeView, action: string): string {
  if (view.state === "invalid") {
    return layout(
      "Link not valid",
      `<h1>This link can't be used</h1><p>It may be incomplete, or it no longer belongs to a subscription.</p><p class="fine">If you keep getting emails you don't want, reply to one of them and ask to be removed.</p>`,
    );
  }
  const who = `<strong>${escapeHtml(maskEmail(view.email))}</strong>`;
  if (view.state === "subscribed") {
    return layout(
      "Unsubscribe",
      `<h1>Unsubscribe?</h1><p>You'll stop receiving emails at ${who}.</p>${form(action, "unsubscribe", "Unsubscribe", "primary")}<p class="fine">Opened this by mistake? Just close the page; nothing has changed.</p>`,
    );
  }
  if (view.state === "unsubscribed") {
    return layout(
      "Unsubscribed",
      `<h1>You're unsubscribed</h1><p>We won't send more emails to ${who}.</p>${form(action, "resubscribe", "Changed your mind? Subscribe again", "quiet")}`,
    );
  }
  return layout("Unsubscribed", `<h1>You're unsubscribed</h1><p>We don't send emails to ${who}.</p>`);
}

/** A request we can't act on: 4xx (a malformed form) or 5xx (our fault, worth a retry). */
export function renderProblemPage(status: number): string {
  if (status >= 500) {
    return layout(
      "Something went wrong",
      `<h1>Something went wrong</h1><p>Nothing has changed. Please try again in a moment.</p>`,
    );
  }
  return layout(
    "Something's missing",
    `<h1>Something's missing</h1><p>Please use the button on the page.</p>`,
  );
}
