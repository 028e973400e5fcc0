// The otpauth:// URI as a QR code for the admin's phone to scan. qrcode does the encoding; what
// the page gets is one SVG path of the dark modules, drawn by React with no inline markup or
// data: URL for a Content-Security-Policy to allow.
import QRCode from "qrcode";

export interface QrCodePath {
  /** Modules per side, without the quiet zone the drawing must add around it. */
  size: number;
  /** The dark modules as rectangles in module units: one per run of dark modules in a row. */
  path: string;
}

export function qrCodePath(text: string): QrCodePath {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const runs: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      runs.push(`M${start} ${row}h${column - start}v1h-${column - start}z`);
    }
  }
  return { size: modules.size, path: runs.join("") };
}
