import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import { qrCodePath } from "./qr-code";

const SCALE = 4;
const QUIET_ZONE = 4;

/** Draws the path as the page's SVG does, into RGBA pixels a QR reader can scan. */
function rasterize({ size, path }: { size: number; path: string }) {
  const side = (size + 2 * QUIET_ZONE) * SCALE;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  const runs = [...path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)];
  expect(runs.map((run) => run[0]).join("")).toBe(path); // nothing in the path but runs
  for (const [, x, y, width] of runs) {
    for (let dy = 0; dy < SCALE; dy++) {
      const py = (Number(y) + QUIET_ZONE) * SCALE + dy;
      for (
        let px = (Number(x) + QUIET_ZONE) * SCALE;
        px < (Number(x) + Number(width) + QUIET_ZONE) * SCALE;
        px++
      ) {
        pixels.fill(0, (py * side + px) * 4, (py * side + px) * 4 + 3);
      }
    }
  }
  return { pixels, side };
}

describe("the QR code", () => {
  it("scans back to the exact URI", () => {
    const uri =
      "otpauth://totp/Hookline:ada%40example.com?issuer=Hookline&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30";
    const qr = qrCodePath(uri);
    const { pixels, side } = rasterize(qr);
    expect(jsQR(pixels, side, side)?.data).toBe(uri);
  });

  it("grows with what it carries", () => {
    expect(qrCodePath("x").size).toBe(21);
    expect(qrCodePath("x".repeat(200)).size).toBeGreaterThan(21);
  });
});
