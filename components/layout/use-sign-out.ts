"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";

/** Ends the session and goes to the sign-in page. */
export function useSignOut() {
  const trpc = useTRPC();
  const router = useRouter();
  return useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        router.replace("/sign-in");
        router.refresh();
      },
    }),
  );
}
