import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import { ApiError, describeFailure } from '../api/api-error';

/**
 * What went wrong with a submitted form: the API's message and each refused field, listed once here
 * (announced) and shown again at the field itself.
 */
export const FormErrors = ({ error }: { error: unknown }) => {
  if (error === undefined) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div class="notice notice-error" role="alert">
      <p>{details.length > 0 ? 'Some fields need attention:' : describeFailure(error)}</p>
      {details.length === 0 ? null : (
        <ul>
          {details.map((d) => (
            <li key={d.path}>
              <code>{d.path}</code> {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

/** After a failed submit, the focus goes to the first field marked invalid. */
export const useFocusFirstInvalid = (form: RefObject<HTMLFormElement | null>, error: unknown): void => {
  useEffect(() => {
    if (error === undefined) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
};
