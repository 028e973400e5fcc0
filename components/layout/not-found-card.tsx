import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * The card a page shows for something that isn't there (a deleted hook, an expired event, an old
 * link): what is missing, why that may be, and the way back to its list.
 */
export function NotFoundCard({
  title,
  description,
  back,
  fullScreen = false,
}: {
  title: string;
  description: string;
  back: { href: string; label: string };
  /** Alone on the screen (no sidebar): centred, with the way back as the main action. */
  fullScreen?: boolean;
}) {
  const card = (
    <div
      className={`${fullScreen ? "w-full" : "mx-auto mt-16"} max-w-md rounded-xl bg-white shadow-sm ring-1 ring-slate-200`}
    >
      <EmptyState
        heading="h1"
        title={title}
        description={description}
        action={
          <ButtonLink href={back.href} variant={fullScreen ? "primary" : "secondary"}>
            {back.label}
          </ButtonLink>
        }
      />
    </div>
  );
  return fullScreen ? (
    <main className="flex min-h-screen items-center justify-center px-4">{card}</main>
  ) : (
    card
  );
}
