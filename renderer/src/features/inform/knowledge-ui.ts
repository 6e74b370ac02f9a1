import { create } from 'zustand';

/**
 * UI state of the Knowledge screen that the palette sets from elsewhere:
 * the "Needs review" view and a request to open the new-document form.
 * Documents themselves are read live from the database.
 */
interface KnowledgeUi {
  reviewOnly: boolean;
  setReviewOnly(on: boolean): void;
  showNeedsReview(): void;
  /** Counts requests (from the palette) to open the new-document form. */
  createAsked: number;
  askToCreate(): void;
}

export const useKnowledgeUi = create<KnowledgeUi>((set) => ({
  reviewOnly: false,
  setReviewOnly: (reviewOnly) => set({ reviewOnly }),
  showNeedsReview: () => set({ reviewOnly: true }),
  createAsked: 0,
  askToCreate: () => set((s) => ({ createAsked: s.createAsked + 1 })),
}));
