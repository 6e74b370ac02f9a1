import { beforeAll } from 'vitest';

/** jsdom has <dialog> without showModal/close: open and close it the plain way, with the `close` event a browser sends. */
export function dialogsInJsdom(): void {
  beforeAll(() => {
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true;
    };
    HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
      this.open = false;
      this.dispatchEvent(new Event('close'));
    };
  });
}
