import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { TrpcProvider } from "@/components/trpc/provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Hookline", template: "%s · Hookline" },
  description: "Contacts and REST Hooks, self-hosted.",
  // From public/: the SVG for browsers, a PNG where an SVG is not taken (iOS home screens).
  icons: { icon: { url: "/icon.svg", type: "image/svg+xml" }, apple: "/apple-touch-icon.png" },
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: the Content-Security-Policy's nonce (server/runtime/
  // security-headers.ts) is new each time, and a page prerendered at build time would carry none.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <TrpcProvider>{children}</TrpcProvider>
      </body>
    </html>
  );
}
