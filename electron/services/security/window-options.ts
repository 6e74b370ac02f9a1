/**
 * The one factory for BrowserWindow options, so every window gets the same
 * hardened webPreferences (Electron security checklist items 2–4, 6, 9, 12).
 * Plain data: main passes it to `new BrowserWindow`, tests inspect it.
 */
export interface WindowOptionsInput {
  preloadPath: string;
  darkBackground: boolean;
  title?: string;
}

export function createWindowOptions({ preloadPath, darkBackground, title = 'FieldDesk' }: WindowOptionsInput) {
  return {
    title,
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false, // shown on ready-to-show, so there is no white flash
    backgroundColor: darkBackground ? '#15171c' : '#f7f8fa',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  } as const;
}
