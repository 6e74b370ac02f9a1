/** Print and export buttons of a review (filled in by the print layer). */
export function ReviewPrintButtons({ reviewId }: { reviewId: string }) {
  void reviewId;
  return null;
}
