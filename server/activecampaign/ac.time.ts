// ActiveCampaign's time format: ISO-8601 to the second with an explicit offset
// ("2026-07-18T03:01:25+00:00"); Hookline keeps UTC, so the offset is always +00:00.
export function acTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}+00:00`;
}
