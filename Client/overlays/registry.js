// Always-on parts of the console, mounted after sign-in whatever the view (pop-ups, banners).
// Same module shape as a view; one line each.

export const OVERLAY_MODULES = [
  './incoming-call.js',
];

export async function loadOverlays() {
  const modules = await Promise.all(OVERLAY_MODULES.map((path) => import(path)));
  return modules.map((module) => module.default);
}
