export interface LineCount {
  total: number;
  code: number;
}
export function countLines(text: string): LineCount;
export function countGame(id: string): { lib: LineCount & { files: number }; app: LineCount & { files: number } };
export function gameIds(): string[];
