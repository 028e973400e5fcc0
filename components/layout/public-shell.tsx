import type { CSSProperties, ReactNode } from "react";

/** What the public pages show of the sender: the same fields as server/settings/branding.ts. */
export interface PublicBrand {
  name: string;
  logo_url: string | null;
  color: string;
  footer: string;
}

/** The brand's colour on the brand tokens, for a page's outermost element. */
export function brandColors(color: string): CSSProperties {
  return {
    "--color-brand-500": color,
    "--color-brand-600": color,
    "--color-brand-700": `color-mix(in srgb, ${color} 85%, black)`,
    "--color-brand-50": `color-mix(in srgb, ${color} 8%, white)`,
  } as CSSProperties;
}

/**
 * The public pages' frame (the unsubscribe pages render the same in plain HTML): the sender's
 * mark and name over a white card, their footer line under it, their colour on the brand tokens.
 */
export function PublicShell({ brand, children }: { brand: PublicBrand; children: ReactNode }) {
  return (
    <main
      style={brandColors(brand.color)}
      className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12"
    >
      <div className="w-full max-w-md">
        <div className="mb-6 flex items-center justify-center gap-2">
          {brand.logo_url ? (
            // biome-ignore lint/performance/noImgElement: an admin's logo on any https host; next/image would need each host configured
            <img src={brand.logo_url} alt="" className="h-8 w-8 rounded-md object-contain" />
          ) : (
            <span className="inline-flex h-8 w-8 items-center justify-center rounded-md bg-brand-600 font-bold text-white">
              {brand.name.slice(0, 1).toUpperCase()}
            </span>
          )}
          <span className="text-lg font-semibold tracking-tight">{brand.name}</span>
        </div>
        <div className="rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">{children}</div>
        {brand.footer ? <p className="mt-6 text-center text-xs text-slate-500">{brand.footer}</p> : null}
      </div>
    </main>
  );
}
