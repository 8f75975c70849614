#include "CFrenchICU.h"

#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

struct frn_breaker {
    UBreakIterator *words;
    UBreakIterator *sentences;
    const UChar *text;
    int32_t wordStart;
    int32_t wordsDone;
    int32_t sentencesDone;
};

static const UChar emptyText[1] = {0};

frn_breaker *frn_breaker_open(int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    frn_breaker *breaker = calloc(1, sizeof(frn_breaker));
    if (breaker == NULL) {
        *error = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    breaker->words = ubrk_open(UBRK_WORD, "fr", emptyText, 0, &status);
    if (U_FAILURE(status)) {
        *error = status;
        free(breaker);
        return NULL;
    }
    status = U_ZERO_ERROR;
    breaker->sentences = ubrk_open(UBRK_SENTENCE, "fr", emptyText, 0, &status);
    if (U_FAILURE(status)) {
        *error = status;
        ubrk_close(breaker->words);
        free(breaker);
        return NULL;
    }
    breaker->text = emptyText;
    breaker->wordsDone = 1;
    breaker->sentencesDone = 1;
    *error = 0;
    return breaker;
}

void frn_breaker_close(frn_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->words);
    ubrk_close(breaker->sentences);
    free(breaker);
}

/// Points `iterator` at `text` (an empty text when NULL or not positive), at its start.
static int32_t set_iterator_text(UBreakIterator *iterator, const uint16_t *text, int32_t length, const UChar **chars) {
    UErrorCode status = U_ZERO_ERROR;
    *chars = (length > 0 && text != NULL) ? (const UChar *)text : emptyText;
    ubrk_setText(iterator, *chars, *chars == emptyText ? 0 : length, &status);
    return U_FAILURE(status) ? status : 0;
}

int32_t frn_breaker_set_word_text(frn_breaker *breaker, const uint16_t *text, int32_t length) {
    const UChar *chars;
    int32_t status = set_iterator_text(breaker->words, text, length, &chars);
    if (status != 0) return status;
    breaker->text = chars;
    breaker->wordStart = ubrk_first(breaker->words);
    breaker->wordsDone = 0;
    return 0;
}

int32_t frn_breaker_set_sentence_text(frn_breaker *breaker, const uint16_t *text, int32_t length) {
    const UChar *chars;
    int32_t status = set_iterator_text(breaker->sentences, text, length, &chars);
    if (status != 0) return status;
    ubrk_first(breaker->sentences);
    breaker->sentencesDone = 0;
    return 0;
}

static inline int32_t classify_other(const UChar *text, int32_t start, int32_t end) {
    UChar32 c;
    int32_t i = start;
    U16_NEXT(text, i, end, c);
    if (c < 0x80) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c < 0x20 || c == 0x7F) return 0;
        if ((c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~')) {
            // ASCII: $ + < = > ^ ` | ~ are symbols, the rest punctuation.
            if (c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '`' || c == '|' || c == '~')
                return FRN_SEGMENT_SYMBOL;
            return FRN_SEGMENT_PUNCTUATION;
        }
        return FRN_SEGMENT_SYMBOL;
    }
    // White space, controls and invisible formatting characters are not tokens. A segment that starts
    // with white space is white space throughout (ICU keeps runs of spaces together).
    if (u_isUWhiteSpace(c) || u_iscntrl(c) || c == 0xFEFF || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060)
        return 0;
    if (u_ispunct(c)) return FRN_SEGMENT_PUNCTUATION;
    return FRN_SEGMENT_SYMBOL;
}

int32_t frn_word_next_batch(frn_breaker *breaker, frn_segment *out, int32_t capacity) {
    if (breaker->wordsDone) return 0;
    UBreakIterator *bi = breaker->words;
    const UChar *text = breaker->text;
    int32_t n = 0;
    int32_t start = breaker->wordStart;
    while (n < capacity) {
        int32_t end = ubrk_next(bi);
        if (end == UBRK_DONE) {
            breaker->wordsDone = 1;
            break;
        }
        int32_t status = ubrk_getRuleStatus(bi);
        int32_t kind;
        if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_IDEO_LIMIT) kind = FRN_SEGMENT_WORD;
        else if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) kind = FRN_SEGMENT_NUMBER;
        else kind = classify_other(text, start, end);
        if (kind != 0) {
            out[n].start = start;
            out[n].end = end;
            out[n].kind = kind;
            n++;
        }
        start = end;
    }
    breaker->wordStart = start;
    return n;
}

int32_t frn_sentence_next_batch(frn_breaker *breaker, int32_t *out, int32_t capacity) {
    if (breaker->sentencesDone) return 0;
    int32_t n = 0;
    while (n < capacity) {
        int32_t end = ubrk_next(breaker->sentences);
        if (end == UBRK_DONE) {
            breaker->sentencesDone = 1;
            break;
        }
        out[n++] = end;
    }
    return n;
}

int64_t frn_raw_word_count(frn_breaker *breaker, const uint16_t *text, int32_t length) {
    const UChar *chars;
    if (set_iterator_text(breaker->words, text, length, &chars) != 0) return -1;
    int64_t count = 0;
    ubrk_first(breaker->words);
    while (ubrk_next(breaker->words) != UBRK_DONE) {
        if (ubrk_getRuleStatus(breaker->words) >= UBRK_WORD_NUMBER) count++;
    }
    breaker->wordsDone = 1;
    breaker->sentencesDone = 1;
    return count;
}

uint32_t frn_char_properties(uint32_t codepoint) {
    UChar32 c = (UChar32)codepoint;
    uint32_t p = 0;
    if (u_isUUppercase(c) || u_istitle(c)) p |= FRN_CHAR_UPPER;
    if (u_isULowercase(c)) p |= FRN_CHAR_LOWER;
    if (u_isalpha(c)) p |= FRN_CHAR_LETTER;
    if (u_isdigit(c)) p |= FRN_CHAR_DIGIT;
    if (u_isUWhiteSpace(c)) p |= FRN_CHAR_SPACE;
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK) p |= FRN_CHAR_MARK;
    if (u_ispunct(c)) p |= FRN_CHAR_PUNCTUATION;
    return p;
}

uint32_t frn_sentence_class(uint32_t codepoint) {
    switch (u_getIntPropertyValue((UChar32)codepoint, UCHAR_SENTENCE_BREAK)) {
    case U_SB_UPPER: case U_SB_LOWER: case U_SB_OLETTER: return FRN_SENTENCE_LETTER;
    case U_SB_STERM: case U_SB_ATERM: return FRN_SENTENCE_TERMINATOR;
    case U_SB_SEP: case U_SB_CR: case U_SB_LF: return FRN_SENTENCE_SEPARATOR;
    case U_SB_SP: case U_SB_CLOSE: return FRN_SENTENCE_TRAILING;
    case U_SB_EXTEND: case U_SB_FORMAT: return FRN_SENTENCE_EXTEND;
    default: return FRN_SENTENCE_OTHER;
    }
}

static int32_t append_unit(uint16_t *out, int32_t capacity, int32_t n, uint16_t unit) {
    if (n < capacity) out[n] = unit;
    return n + 1;
}

int32_t frn_fold_codepoint(uint32_t codepoint, uint16_t *out, int32_t capacity) {
    UChar source[2];
    int32_t sourceLength = 0;
    UBool isError = 0;
    U16_APPEND((UChar *)source, sourceLength, 2, (UChar32)codepoint, isError);
    if (isError) return 0;

    UErrorCode status = U_ZERO_ERROR;
    UChar folded[32];
    int32_t foldedLength = u_strFoldCase(folded, 32, source, sourceLength, U_FOLD_CASE_DEFAULT, &status);
    if (U_FAILURE(status) || foldedLength > 32) return 0;

    status = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    if (U_FAILURE(status)) return 0;
    UChar decomposed[64];
    int32_t decomposedLength = unorm2_normalize(nfd, folded, foldedLength, decomposed, 64, &status);
    if (U_FAILURE(status) || decomposedLength > 64) return 0;

    int32_t n = 0;
    for (int32_t i = 0; i < decomposedLength;) {
        UChar32 c;
        U16_NEXT(decomposed, i, decomposedLength, c);
        int8_t type = u_charType(c);
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK) continue;
        switch (c) {
        case 0x0153: n = append_unit(out, capacity, n, 'o'); n = append_unit(out, capacity, n, 'e'); continue; // œ
        case 0x00E6: n = append_unit(out, capacity, n, 'a'); n = append_unit(out, capacity, n, 'e'); continue; // æ
        case 0x00F8: n = append_unit(out, capacity, n, 'o'); continue; // ø
        case 0x0142: n = append_unit(out, capacity, n, 'l'); continue; // ł
        case 0x0111: case 0x00F0: n = append_unit(out, capacity, n, 'd'); continue; // đ ð
        case 0x0131: n = append_unit(out, capacity, n, 'i'); continue; // dotless ı
        case 0x00FE: n = append_unit(out, capacity, n, 't'); n = append_unit(out, capacity, n, 'h'); continue; // þ
        case 0x2019: case 0x2018: case 0x02BC: case 0x02BB: case 0x00B4: case 0x0060: case 0x2032:
            n = append_unit(out, capacity, n, '\''); continue; // apostrophes
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212: case 0x00AD:
            // hyphens and en dash (the soft hyphen folds to a hyphen so that it never joins words silently)
            n = append_unit(out, capacity, n, '-'); continue;
        default: break;
        }
        if (c > 0xFFFF) {
            n = append_unit(out, capacity, n, (uint16_t)U16_LEAD(c));
            n = append_unit(out, capacity, n, (uint16_t)U16_TRAIL(c));
        } else {
            n = append_unit(out, capacity, n, (uint16_t)c);
        }
    }
    return n;
}

const char *frn_icu_version(void) {
    static char buffer[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, buffer);
    return buffer;
}
