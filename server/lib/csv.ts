// Writing CSV for spreadsheets: CRLF lines, quoting by papaparse, and cells that a spreadsheet would
// run as formulas (=, +, -, @ …) prefixed with a quote. Contact data arrives from public forms and
// uploaded files: a name like =HYPERLINK(…) must stay text when an admin opens the download.
import Papa from "papaparse";

export function toCsv(rows: string[][]): string {
  return Papa.unparse(rows, { newline: "\r\n", escapeFormulae: true });
}
