// The unsubscribe link's pages, as plain HTML: they open from mail clients, must work without JS,
// and live at a URL that also takes RFC 8058 one-click POSTs, which a Next page cannot answer.
import type { Branding } from "@/shared/branding.schema";
import { maskEmail, type UnsubscribeView } from "./unsubscribe.service";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// The subscribe page's look (app/subscribe), in plain CSS: brand centred over a white card, the
// footer line under it, the admin's colour on the mark and the button.
const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:48px 16px;
background:linear-gradient(to bottom,color-mix(in srgb,var(--brand) 8%,#fff),#f8fafc);color:#0f172a;
font:15px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{width:100%;max-width:448px}
.brand{display:flex;align-items:center;justify-content:center;gap:8px;margin-bottom:24px;font-weight:600;font-size:18px;letter-spacing:-.01em}
.logo{display:inline-flex;width:32px;height:32px;align-items:center;justify-content:center;border-radius:6px;background:var(--brand);color:#fff;font-weight:700;object-fit:contain}
img.logo{background:transparent}
.card{background:#fff;border-radius:16px;padding:32px;box-shadow:0 1px 2px rgba(15,23,42,.06);outline:1px solid #e2e8f0}
h1{margin:0 0 6px;font-size:22px;letter-spacing:-.01em}
p{margin:0 0 18px;color:#475569}
strong{color:#0f172a}
button{width:100%;border:0;border-radius:6px;padding:8px 12px;font:inherit;font-size:14px;font-weight:500;cursor:pointer}
.primary{background:var(--brand);color:#fff}.primary:hover{filter:brightness(.9)}
.quiet{margin-top:6px;background:transparent;color:var(--brand);font-weight:500}.quiet:hover{text-decoration:underline}
.fine{margin:18px 0 0;font-size:13px;color:#64748b}
.footer{margin:24px 0 0;text-align:center;font-size:12px;color:#64748b}
`;

function brandMark(branding: Branding): string {
  return branding.logo_url
    ? `<img class="logo" src="${escapeHtml(branding.logo_url)}" alt="">`
    : `<span class="logo">${escapeHtml(branding.name.slice(0, 1).toUpperCase())}</span>`;
}

function layout(title: string, body: string, branding: Branding): string {
  const footer = branding.footer ? `<p class="footer">${escapeHtml(branding.footer)}</p>` : "";
  // The colour is #rrggbb by the settings' own rule (brandingInput), so it can stand in CSS as is.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${escapeHtml(branding.name)}</title><style>:root{--brand:${branding.color}}${STYLE}</style></head><body><main><div class="brand">${brandMark(branding)}<span>${escapeHtml(branding.name)}</span></div><div class="card">${body}</div>${footer}</main></body></html>`;
}

function form(action: string, choice: string, label: string, className: string): string {
  return `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="choice" value="${choice}"><button type="submit" class="${className}">${escapeHtml(label)}</button></form>`;
}

export function renderUnsubscribePage(view: UnsubscribeView, action: string, branding: Branding): string {
  if (view.state === "invalid") {
    return layout(
      "Link not valid",
      `<h1>This link can't be used</h1><p>It may be incomplete, or it no longer belongs to a subscription.</p><p class="fine">If you keep getting emails you don't want, reply to one of them and ask to be removed.</p>`,
      branding,
    );
  }
  const who = `<strong>${escapeHtml(maskEmail(view.email))}</strong>`;
  if (view.state === "subscribed") {
    return layout(
      "Unsubscribe",
      `<h1>Unsubscribe?</h1><p>You'll stop receiving emails at ${who}.</p>${form(action, "unsubscribe", "Unsubscribe", "primary")}<p class="fine">Opened this by mistake? Just close the page; nothing has changed.</p>`,
      branding,
    );
  }
  if (view.state === "unsubscribed") {
    return layout(
      "Unsubscribed",
      `<h1>You're unsubscribed</h1><p>We won't send more emails to ${who}.</p>${form(action, "resubscribe", "Changed your mind? Subscribe again", "quiet")}`,
      branding,
    );
  }
  return layout(
    "Unsubscribed",
    `<h1>You're unsubscribed</h1><p>We don't send emails to ${who}.</p>`,
    branding,
  );
}

/** A request we can't act on: 4xx (a malformed form) or 5xx (our fault, worth a retry). */
export function renderProblemPage(status: number, branding: Branding): string {
  if (status >= 500) {
    return layout(
      "Something went wrong",
      `<h1>Something went wrong</h1><p>Nothing has changed. Please try again in a moment.</p>`,
      branding,
    );
  }
  return layout(
    "Something's missing",
    `<h1>Something's missing</h1><p>Please use the button on the page.</p>`,
    branding,
  );
}
