// Phone numbers for people: E.164 `+79128819021` → `+7 912 881-90-21` (Russian numbers), others as stored.

export function formatPhone(number) {
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(number ?? '');
  return match ? `+7 ${match[1]} ${match[2]}-${match[3]}-${match[4]}` : (number ?? '');
}
