// CFrenchICU: the only place that talks to the system ICU (libicu-dev).
//
// This header uses plain C types only. ICU's own headers are included by CFrenchICU.c and never by a
// Swift module: Foundation ships its own ICU, and a Swift module that sees both sets of headers does not
// build (see DESIGN.md).
#ifndef CFRENCHICU_H
#define CFRENCHICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Segment kinds reported by `frn_word_next_batch`.
enum {
    FRN_SEGMENT_WORD = 1,        // letters (ICU rule status 200..499)
    FRN_SEGMENT_NUMBER = 2,      // numbers (ICU rule status 100..199)
    FRN_SEGMENT_PUNCTUATION = 3, // status < 100, first code point is punctuation
    FRN_SEGMENT_SYMBOL = 4,      // status < 100, anything else that is not white space
};

/// Asks the processor to bring the cache line holding `address` closer (a hint: never faults, even
/// for an address outside any mapping). The scans over a document's tokens ask for the table slots of
/// tokens a few places ahead, so that their cache misses overlap instead of following one another.
static inline __attribute__((always_inline)) void frn_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// One segment of text found by ICU word break, as UTF-16 offsets [start, end).
typedef struct {
    int32_t start;
    int32_t end;
    int32_t kind;
} frn_segment;

/// A word-break and a sentence-break iterator, reused for many texts (one per thread).
typedef struct frn_breaker frn_breaker;

/// Opens the iterators (locale `fr`; French sentence suppressions are applied by the caller).
/// Returns NULL and sets `*error` to the ICU error code on failure.
frn_breaker *frn_breaker_open(int32_t *error);
void frn_breaker_close(frn_breaker *breaker);

/// Points the word iterator at `text`, which must stay alive and unchanged while batches are read.
/// Returns 0, or an ICU error code.
int32_t frn_breaker_set_word_text(frn_breaker *breaker, const uint16_t *text, int32_t length);

/// Points the sentence iterator at `text`, which must stay alive and unchanged while batches are read.
/// Returns 0, or an ICU error code.
int32_t frn_breaker_set_sentence_text(frn_breaker *breaker, const uint16_t *text, int32_t length);

/// Fills `out` with up to `capacity` non-white-space segments; returns how many (0 at the end).
int32_t frn_word_next_batch(frn_breaker *breaker, frn_segment *out, int32_t capacity);

/// ICU's word segments of a whole text (as `frn_word_next_batch` reports them), found by running ICU's
/// own compiled word-break state machine directly over the text; -1 when the text holds characters
/// ICU segments with a dictionary (CJK, Thai…), when ICU's rules are in an unknown format, or when
/// `capacity` is too small: ask ICU then. Thread-safe.
int32_t frn_word_fast_segments(const uint16_t *text, int32_t length, frn_segment *out, int32_t capacity);

/// ICU's word segments of a whole text through the iterator (the reference for the function above).
int32_t frn_word_icu_segments(frn_breaker *breaker, const uint16_t *text, int32_t length, frn_segment *out, int32_t capacity);

/// Fills `out` with up to `capacity` sentence boundaries (UTF-16 offsets, the text's end included);
/// returns how many (0 at the end).
int32_t frn_sentence_next_batch(frn_breaker *breaker, int32_t *out, int32_t capacity);

/// The reference for the tokenizer's speed: plain ICU word iteration over `text`, counting the
/// segments whose rule status marks a word or a number. Leaves the word iterator on `text`.
int64_t frn_raw_word_count(frn_breaker *breaker, const uint16_t *text, int32_t length);

/// Offsets of the units the tokenizer's rules start from: `:` `@` `w` `W` (where a link may be),
/// U+202F (narrow no-break space) and the apostrophes `'` `’`, in increasing order. `out` must have room
/// for `length` offsets; returns how many were written.
int32_t frn_find_token_marks(const uint16_t *text, int32_t length, int32_t *out);

/// Offsets of the units where a sentence may end, a superset of the sentence terminators and
/// separators below U+3000 (`.` `!` `?` LF CR NEL U+2024 U+2028 U+2029 `‼` `‽` `⁇` `⁈` `⁉`, and every
/// unit from U+0589 on outside U+2000–U+206F), in increasing order. `out` must have room for `length`
/// offsets; returns how many were written.
int32_t frn_find_sentence_candidates(const uint16_t *text, int32_t length, int32_t *out);

/// The two scans above as a processor without AVX2 runs them (for tests: they must find the same units).
int32_t frn_find_token_marks_baseline(const uint16_t *text, int32_t length, int32_t *out);
int32_t frn_find_sentence_candidates_baseline(const uint16_t *text, int32_t length, int32_t *out);

/// Character property bits returned by `frn_char_properties`.
enum {
    FRN_CHAR_UPPER = 1,
    FRN_CHAR_LOWER = 2,
    FRN_CHAR_LETTER = 4,
    FRN_CHAR_DIGIT = 8,
    FRN_CHAR_SPACE = 16,
    FRN_CHAR_MARK = 32,
    FRN_CHAR_PUNCTUATION = 64,
};

uint32_t frn_char_properties(uint32_t codepoint);

/// Sentence-break classes returned by `frn_sentence_class`: ICU's Sentence_Break property values
/// (Unicode UAX #29), grouped by what decides where a sentence may end.
enum {
    FRN_SENTENCE_OTHER = 0,      // Numeric, SContinue, Other: never ends a sentence, never resumes one
    FRN_SENTENCE_LETTER = 1,     // Upper, Lower, OLetter
    FRN_SENTENCE_TERMINATOR = 2, // STerm, ATerm: `.` `!` `?` …
    FRN_SENTENCE_SEPARATOR = 3,  // Sep, CR, LF: a sentence always ends after one
    FRN_SENTENCE_TRAILING = 4,   // Sp, Close: may follow a terminator inside its sentence
    FRN_SENTENCE_EXTEND = 5,     // Extend, Format: part of the character before
};

/// The sentence-break class of a code point (`FRN_SENTENCE_*`).
uint32_t frn_sentence_class(uint32_t codepoint);

/// The match-key form of one code point: full case folding, canonical decomposition, combining marks
/// removed, ligatures and letters without decomposition spelled out (œ→oe, æ→ae, ø→o, ł→l, đ→d),
/// typographic apostrophes and hyphens unified (’→', ‐→-). Writes at most `capacity` UTF-16 units and
/// returns how many were needed (may be 0: a combining mark folds to nothing).
int32_t frn_fold_codepoint(uint32_t codepoint, uint16_t *out, int32_t capacity);

/// `frn_fold_codepoint` with the normalizer always called (the fast path skips it for a code point that
/// folds to one code point without a decomposition): the reference the tests compare it with.
int32_t frn_fold_codepoint_normalizing(uint32_t codepoint, uint16_t *out, int32_t capacity);

/// The ICU version string (e.g. "72.1").
const char *frn_icu_version(void);

#ifdef __cplusplus
}
#endif

#endif
