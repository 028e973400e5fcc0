"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { newPassword, passwordsMatch } from "@/components/auth/new-password";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

const schema = z
  .object({
    email: z.string().trim().pipe(z.email("Enter a valid email address.")),
    password: newPassword,
    confirm: z.string(),
  })
  .refine(...passwordsMatch);
type Values = z.infer<typeof schema>;

export function SetupForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { email: "", password: "", confirm: "" },
  });
  const setup = useMutation(
    trpc.auth.setup.mutationOptions({
      onSuccess: () => {
        router.replace("/");
        router.refresh();
      },
    }),
  );
  const { errors } = form.formState;

  return (
    <form
      onSubmit={form.handleSubmit((values) =>
        setup.mutate({ email: values.email, password: values.password }),
      )}
      className="space-y-4"
      noValidate
    >
      {setup.error ? <Alert tone="error">{errorMessage(setup.error)}</Alert> : null}
      <Field label="Email" htmlFor="email" error={errors.email?.message}>
        <Input
          id="email"
          type="email"
          autoComplete="username"
          autoFocus
          aria-invalid={!!errors.email}
          {...form.register("email")}
        />
      </Field>
      <NewPasswordFields
        password={{ field: form.register("password"), error: errors.password?.message }}
        confirm={{ field: form.register("confirm"), error: errors.confirm?.message }}
      />
      <Button type="submit" className="w-full" disabled={setup.isPending}>
        {setup.isPending ? "Creating…" : "Create admin account"}
      </Button>
    </form>
  );
}
