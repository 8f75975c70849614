#include "CFrenchICU.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucptrie.h>
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

// MARK: - ICU's word-break state machine, run directly
//
// ICU's word iterator is a state machine over character categories, compiled from its rules
// (word.txt). `frn_word_fast_segments` runs that same machine, read from the iterator's own compiled
// rules (`ubrk_getBinaryRules`, data format 6: ICU 68 and later), the way ICU's
// `RuleBasedBreakIterator::handleNext` does, but straight over the UTF-16 buffer: no UText, no break
// cache, one call per text. Characters that ICU hands to a dictionary (Chinese, Japanese, Thai…) are not
// covered: the function then reports -1 and the caller asks ICU itself. Tests compare the two.

typedef struct {
    int ok;
    uint8_t *data;              // copy of the compiled rules
    const char *rows;           // forward state table rows
    uint32_t rowLength;         // bytes per row
    uint32_t categoryCount;
    uint32_t dictionaryStart;   // categories from here on are dictionary characters
    uint32_t lookAheadCount;
    uint32_t flags;
    int rows8;                  // 8-bit rows (else 16-bit)
    const int32_t *statuses;    // rule status table
    int32_t statusCount;
    uint8_t *bmpCategories;     // category of each BMP code point
    UCPTrie *trie;              // categories beyond the BMP
    // The rows, unpacked: per state, a row of `categoryCount + 1` words at offset state * (categoryCount + 1):
    // the state's facts (accepting | look-ahead << 8 | status index << 16), then per category the offset
    // of the next state's row. The stop state's row is at offset 0. A transition is one load, with no
    // multiply; a dictionary category leads to an extra row whose facts are FRN_DICTIONARY_FACTS.
    uint32_t *table;
    // The letter run: the row a word of letters stays in (a state whose row leads back to itself on a
    // letter, accepting, with no look-ahead), and per unit below FRN_LETTER_LOOP_LIMIT whether it keeps
    // the machine in that row. Inside a word the machine then skips the rest of a run without a
    // transition per unit: each skipped step would have read the same row and set the same boundary.
    // UINT32_MAX when the rules have no such row.
    uint32_t letterRow;
    uint8_t *letterLoop;
    // A lone space before a word: per unit below FRN_LETTER_LOOP_LIMIT whether the machine, started on a
    // space (U+0020), stops at that unit, so that the space is a segment of its own, of kind `spaceKind`.
    // The machine is then not run for it (the space's row accepts with no look-ahead; the stop row sets
    // nothing). All zero when the rules do not allow it.
    uint8_t *spaceEndsBefore;
    int32_t spaceKind;
} frn_word_machine;

/// Units below this limit (ASCII, Latin-1, Latin Extended-A and -B) are looked up in `letterLoop`.
enum { FRN_LETTER_LOOP_LIMIT = 0x250 };

/// The facts of the row a dictionary character leads to (accepting and look-ahead 255: no real state has
/// them, they are below FRN_MAX_LOOKAHEAD).
enum { FRN_DICTIONARY_FACTS = 0xFFFF };

enum { FRN_MAX_LOOKAHEAD = 64 };
static frn_word_machine wordMachine;
/// `classify_other` of a segment starting with each ASCII unit (it reads only the first code point).
static uint8_t asciiSegmentKinds[0x80];
static pthread_once_t wordMachineOnce = PTHREAD_ONCE_INIT;

static uint32_t read32(const uint8_t *data, uint32_t offset) {
    uint32_t value;
    memcpy(&value, data + offset, 4);
    return value;
}

static inline uint32_t row_field(const frn_word_machine *m, const char *row, uint32_t field) {
    return m->rows8 ? ((const uint8_t *)row)[field] : ((const uint16_t *)row)[field];
}

static void word_machine_load(void) {
    for (UChar unit = 0; unit < 0x80; unit++) asciiSegmentKinds[unit] = (uint8_t)classify_other(&unit, 0, 1);
    frn_word_machine m;
    memset(&m, 0, sizeof m);
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "fr", emptyText, 0, &status);
    if (U_FAILURE(status)) return;
    status = U_ZERO_ERROR;
    int32_t length = ubrk_getBinaryRules(bi, NULL, 0, &status);
    if (length < 64) { ubrk_close(bi); return; }
    m.data = malloc((size_t)length);
    if (m.data == NULL) { ubrk_close(bi); return; }
    status = U_ZERO_ERROR;
    ubrk_getBinaryRules(bi, m.data, length, &status);
    ubrk_close(bi);
    const uint8_t *d = m.data;
    // RBBIDataHeader: magic, format version, length, category count, then (offset, length) pairs:
    // forward table, reverse table, trie, rule source, status table.
    if (U_FAILURE(status) || read32(d, 0) != 0xb1a0 || d[4] != 6 || read32(d, 8) > (uint32_t)length) goto fail;
    m.categoryCount = read32(d, 12);
    uint32_t table = read32(d, 16), tableLength = read32(d, 20);
    uint32_t trie = read32(d, 32), trieLength = read32(d, 36);
    uint32_t statusTable = read32(d, 48), statusLength = read32(d, 52);
    if (table + tableLength > (uint32_t)length || trie + trieLength > (uint32_t)length
        || statusTable + statusLength > (uint32_t)length || tableLength < 20 || statusTable % 4 != 0) goto fail;
    // RBBIStateTable: state count, row length, first dictionary category, look-ahead results, flags.
    uint32_t stateCount = read32(d, table);
    m.rowLength = read32(d, table + 4);
    m.dictionaryStart = read32(d, table + 8);
    m.lookAheadCount = read32(d, table + 12);
    m.flags = read32(d, table + 16);
    m.rows8 = (m.flags & 4) != 0;
    if (m.flags & 2) goto fail; // RBBI_BOF_REQUIRED: not used by the word rules, not run here
    m.rows = (const char *)(d + table + 20);
    if ((uint64_t)stateCount * m.rowLength + 20 > tableLength || m.lookAheadCount > FRN_MAX_LOOKAHEAD
        || m.rowLength < (m.rows8 ? 3 + m.categoryCount : 2 * (3 + m.categoryCount))) goto fail;
    m.statuses = (const int32_t *)(d + statusTable);
    m.statusCount = (int32_t)(statusLength / 4);
    status = U_ZERO_ERROR;
    m.trie = ucptrie_openFromBinary(UCPTRIE_TYPE_ANY, UCPTRIE_VALUE_BITS_ANY, d + trie, (int32_t)trieLength, NULL, &status);
    if (U_FAILURE(status) || m.trie == NULL) goto fail;
    if (m.categoryCount > 255) goto fail;
    m.bmpCategories = malloc(0x10000);
    if (m.bmpCategories == NULL) goto fail;
    for (UChar32 c = 0; c < 0x10000; c++) {
        uint32_t category = ucptrie_get(m.trie, c);
        if (category >= m.categoryCount) goto fail;
        m.bmpCategories[c] = (uint8_t)category;
    }
    // The rows, unpacked into a dense transition table and one word of facts per state.
    size_t stride = (size_t)m.categoryCount + 1;
    if ((uint64_t)(stateCount + 1) * stride > UINT32_MAX) goto fail;
    m.table = malloc((size_t)(stateCount + 1) * stride * sizeof(uint32_t));
    if (m.table == NULL) goto fail;
    uint32_t dictionaryRow = (uint32_t)(stateCount * stride);
    m.table[dictionaryRow] = FRN_DICTIONARY_FACTS;
    for (uint32_t category = 0; category < m.categoryCount; category++) m.table[dictionaryRow + 1 + category] = dictionaryRow;
    for (uint32_t state = 0; state < stateCount; state++) {
        const char *row = m.rows + (size_t)m.rowLength * state;
        uint32_t accepting = row_field(&m, row, 0), lookAhead = row_field(&m, row, 1), tags = row_field(&m, row, 2);
        if (accepting > 255 || lookAhead > 255 || tags > 0xFFFF || accepting >= FRN_MAX_LOOKAHEAD
            || lookAhead >= FRN_MAX_LOOKAHEAD) goto fail;
        m.table[state * stride] = accepting | lookAhead << 8 | tags << 16;
        for (uint32_t category = 0; category < m.categoryCount; category++) {
            uint32_t next = row_field(&m, row, 3 + category);
            if (next >= stateCount) goto fail;
            m.table[state * stride + 1 + category] =
                category >= m.dictionaryStart ? dictionaryRow : (uint32_t)(next * stride);
        }
    }
    // The letter run's row: follow 'a' from the start state until a row leads to itself. It must accept
    // with no look-ahead (facts 1 in their low 16 bits): then a step that stays in it only moves the
    // boundary to after the unit read.
    m.letterRow = UINT32_MAX;
    m.letterLoop = calloc(FRN_LETTER_LOOP_LIMIT, 1);
    if (m.letterLoop == NULL) goto fail;
    {
        uint32_t row = (uint32_t)stride;
        uint32_t letter = m.bmpCategories['a'];
        for (int step = 0; step < 4 && letter < m.dictionaryStart; step++) {
            uint32_t next = m.table[row + 1 + letter];
            if (next == row && next != 0 && (m.table[row] & 0xFFFF) == 1) {
                m.letterRow = row;
                break;
            }
            row = next;
            if (row == 0) break;
        }
        if (m.letterRow != UINT32_MAX) {
            for (uint32_t unit = 0; unit < FRN_LETTER_LOOP_LIMIT; unit++) {
                if ((unit & 0xFC00) == 0xD800) continue;
                uint32_t category = m.bmpCategories[unit];
                m.letterLoop[unit] = category < m.dictionaryStart && m.table[m.letterRow + 1 + category] == m.letterRow;
            }
        }
    }
    // The lone space: the row a space leads to from the start state must accept with no look-ahead,
    // and the stop row must set nothing; its rule status gives the segment's kind, as below.
    m.spaceEndsBefore = calloc(FRN_LETTER_LOOP_LIMIT, 1);
    if (m.spaceEndsBefore == NULL) goto fail;
    {
        uint32_t space = m.bmpCategories[0x20];
        uint32_t spaceRow = space < m.dictionaryStart ? m.table[stride + 1 + space] : 0;
        int32_t statusIndex = spaceRow ? (int32_t)(m.table[spaceRow] >> 16) : -1;
        if (spaceRow != 0 && (m.table[spaceRow] & 0xFFFF) == 1 && (m.table[0] & 0xFFFF) == 0
            && statusIndex >= 0 && statusIndex < m.statusCount
            && statusIndex + m.statuses[statusIndex] >= 0 && statusIndex + m.statuses[statusIndex] < m.statusCount) {
            int32_t status = m.statuses[statusIndex + m.statuses[statusIndex]];
            if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_IDEO_LIMIT) m.spaceKind = FRN_SEGMENT_WORD;
            else if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) m.spaceKind = FRN_SEGMENT_NUMBER;
            else m.spaceKind = asciiSegmentKinds[0x20];
            for (uint32_t unit = 0; unit < FRN_LETTER_LOOP_LIMIT; unit++) {
                if ((unit & 0xFC00) == 0xD800) continue;
                uint32_t category = m.bmpCategories[unit];
                m.spaceEndsBefore[unit] = category < m.dictionaryStart && m.table[spaceRow + 1 + category] == 0;
            }
        }
    }
    m.ok = 1;
    wordMachine = m;
    return;
fail:
    if (m.trie) ucptrie_close(m.trie);
    free(m.letterLoop);
    free(m.spaceEndsBefore);
    free(m.table);
    free(m.bmpCategories);
    free(m.data);
}

/// The facts of a state reached: accepting (a boundary after `index`), look-ahead. Returns a boundary
/// when a look-ahead rule completes, -1 on the row of dictionary characters. The common facts (accepting,
/// no look-ahead: inside a word) are tested first.
#define FRN_STATE_FACTS(facts, index)                                           \
    if (((facts) & 0xFFFF) == 1) {                                              \
        result = (index);                                                       \
        ruleStatus = (int32_t)((facts) >> 16);                                  \
    } else if ((facts) & 0xFFFF) {                                              \
        if (((facts) & 0xFFFF) == FRN_DICTIONARY_FACTS) return -1;              \
        uint32_t accepting = (facts) & 0xFF;                                    \
        if (accepting == 1) {                                                   \
            result = (index);                                                   \
            ruleStatus = (int32_t)((facts) >> 16);                              \
        } else if (accepting > 1 && lookAhead[accepting] >= 0) {               \
            *statusIndex = (int32_t)((facts) >> 16);                            \
            return lookAhead[accepting];                                        \
        }                                                                       \
        uint32_t rule = ((facts) >> 8) & 0xFF;                                  \
        if (rule > 1) lookAhead[rule] = (index);                                \
    }

/// ICU's `handleNext` from boundary `from` (< `length`): the next boundary and its rule status index;
/// -1 when a dictionary character is read. The machine's tables are passed in registers.
static inline int32_t word_machine_next(const uint32_t *table, const uint8_t *bmp, const UCPTrie *trie,
                                        uint32_t stride, uint32_t dictionaryStart,
                                        uint32_t letterRow, const uint8_t *letterLoop,
                                        const uint16_t *text, int32_t length, int32_t from,
                                        int32_t *statusIndex, int32_t *lookAhead) {
    int32_t index = from;
    int32_t result = from;
    int32_t ruleStatus = 0;
    uint32_t row = stride; // the start state's
    for (;;) {
        if (index >= length) {
            // The end of the text: one last transition on the end-of-input category.
            row = table[row + 1 + 1];
            uint32_t facts = table[row];
            FRN_STATE_FACTS(facts, index)
            break;
        }
        UChar32 c = text[index++];
        uint32_t category;
        if (c < 0xD800) {
            category = bmp[c];
        } else {
            if ((c & 0xFC00) == 0xD800 && index < length && (text[index] & 0xFC00) == 0xDC00) {
                c = (c << 10) + text[index++] - ((0xD800 << 10) + 0xDC00 - 0x10000);
            }
            if (c < 0x10000) {
                category = bmp[c];
            } else {
                category = ucptrie_get(trie, c);
                if (category >= dictionaryStart) return -1; // (the trie's categories are not checked at load)
            }
        }
        row = table[row + 1 + category];
        uint32_t facts = table[row];
        FRN_STATE_FACTS(facts, index)
        if (row == 0) break; // the stop state
        if (row == letterRow) {
            // The rest of a run of letters: each step would stay in this row and set the boundary after
            // the unit (the row accepts, with no look-ahead: `FRN_STATE_FACTS` has just set the status).
            while (index < length && text[index] < FRN_LETTER_LOOP_LIMIT && letterLoop[text[index]]) index++;
            result = index;
        }
    }
    if (result == from) { // no match: one code point
        result = from + 1;
        if ((text[from] & 0xFC00) == 0xD800 && result < length && (text[result] & 0xFC00) == 0xDC00) result++;
        ruleStatus = 0;
    }
    *statusIndex = ruleStatus;
    return result;
}

int32_t frn_word_fast_segments(const uint16_t *text, int32_t length, frn_segment *out, int32_t capacity) {
    pthread_once(&wordMachineOnce, word_machine_load);
    const frn_word_machine m = wordMachine; // a local copy: nothing written below can alias it
    if (!m.ok || length < 0) return -1;
    if (length == 0 || text == NULL) return 0;
    int32_t lookAhead[FRN_MAX_LOOKAHEAD];
    for (int k = 0; k < FRN_MAX_LOOKAHEAD; k++) lookAhead[k] = -1;
    int32_t n = 0;
    int32_t start = 0;
    while (start < length) {
        if (text[start] == 0x20 && start + 1 < length && text[start + 1] < FRN_LETTER_LOOP_LIMIT
            && m.spaceEndsBefore[text[start + 1]]) {
            // A lone space before a word: its own segment, found without running the machine.
            if (m.spaceKind != 0) {
                if (n >= capacity) return -1;
                out[n].start = start;
                out[n].end = start + 1;
                out[n].kind = m.spaceKind;
                n++;
            }
            start += 1;
            continue;
        }
        int32_t statusIndex = 0;
        int32_t end = word_machine_next(m.table, m.bmpCategories, m.trie, m.categoryCount + 1, m.dictionaryStart,
                                        m.letterRow, m.letterLoop,
                                        text, length, start, &statusIndex, lookAhead);
        if (end <= start || end > length) return -1; // a dictionary character (or damaged rules)
        if (statusIndex < 0 || statusIndex >= m.statusCount) return -1;
        int32_t last = statusIndex + m.statuses[statusIndex];
        if (last < 0 || last >= m.statusCount) return -1;
        int32_t status = m.statuses[last];
        int32_t kind;
        if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_IDEO_LIMIT) kind = FRN_SEGMENT_WORD;
        else if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) kind = FRN_SEGMENT_NUMBER;
        else if (text[start] < 0x80) kind = asciiSegmentKinds[text[start]]; // spaces, ASCII punctuation
        else kind = classify_other(text, start, end);
        if (kind != 0) {
            if (n >= capacity) return -1;
            out[n].start = start;
            out[n].end = end;
            out[n].kind = kind;
            n++;
        }
        start = end;
    }
    return n;
}

/// ICU's own word iteration into `out` (the reference `frn_word_fast_segments` is tested against).
int32_t frn_word_icu_segments(frn_breaker *breaker, const uint16_t *text, int32_t length, frn_segment *out, int32_t capacity) {
    if (frn_breaker_set_word_text(breaker, text, length) != 0) return -1;
    int32_t n = 0;
    for (;;) {
        int32_t got = frn_word_next_batch(breaker, out + n, capacity - n);
        if (got <= 0) break;
        n += got;
    }
    return n;
}

// MARK: - Finding units
//
// The tokenizer looks at a few kinds of units only (apostrophes, narrow no-break spaces, what may start
// a link, what may end a sentence); these functions find them 32 units at a time with AVX2 where the
// processor has it, 16 at a time with SSE2 (every x86-64) otherwise, one at a time elsewhere. Every form
// tests the same lists.

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FRN_X86 1
#endif

/// The units of `text[from..<length]` one at a time: see `find_units`.
static inline __attribute__((always_inline)) int32_t find_units_scalar(const uint16_t *text, int32_t from, int32_t length,
                                                                       const uint16_t *singles, int32_t singleCount,
                                                                       const uint16_t *ranges, int32_t rangeCount,
                                                                       int32_t *out, int32_t n) {
    for (int32_t i = from; i < length; i++) {
        uint16_t unit = text[i];
        int listed = 0;
        for (int32_t k = 0; k < singleCount; k++) listed |= unit == singles[k];
        for (int32_t k = 0; k < rangeCount; k++)
            listed |= (uint16_t)(unit - ranges[2 * k]) <= (uint16_t)(ranges[2 * k + 1] - ranges[2 * k]);
        if (listed) out[n++] = i;
    }
    return n;
}

/// Offsets of the units equal to one of `singles` or inside one of the inclusive `ranges` (low, high
/// pairs), in increasing order, sixteen units at a time (SSE2). Inlined into each caller, whose lists
/// are constants.
static inline __attribute__((always_inline)) int32_t find_units(const uint16_t *text, int32_t length,
                                                                const uint16_t *singles, int32_t singleCount,
                                                                const uint16_t *ranges, int32_t rangeCount,
                                                                int32_t *out) {
    if (text == NULL || length <= 0) return 0;
    int32_t n = 0;
    int32_t i = 0;
#if defined(__SSE2__)
    // Each compare gives 0xFFFF in the lanes that match; the two halves' lanes are packed into bytes and
    // their top bits gathered into one 16-bit mask, read lowest bit first.
    const __m128i zero = _mm_setzero_si128();
    for (; i + 16 <= length; i += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(text + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(text + i + 8));
        __m128i hitA = zero, hitB = zero;
        for (int32_t k = 0; k < singleCount; k++) {
            __m128i single = _mm_set1_epi16((short)singles[k]);
            hitA = _mm_or_si128(hitA, _mm_cmpeq_epi16(a, single));
            hitB = _mm_or_si128(hitB, _mm_cmpeq_epi16(b, single));
        }
        for (int32_t k = 0; k < rangeCount; k++) {
            // unit - low <= high - low (unsigned): the saturating difference (unit - low) - (high - low) is 0.
            __m128i low = _mm_set1_epi16((short)ranges[2 * k]);
            __m128i span = _mm_set1_epi16((short)(uint16_t)(ranges[2 * k + 1] - ranges[2 * k]));
            hitA = _mm_or_si128(hitA, _mm_cmpeq_epi16(_mm_subs_epu16(_mm_sub_epi16(a, low), span), zero));
            hitB = _mm_or_si128(hitB, _mm_cmpeq_epi16(_mm_subs_epu16(_mm_sub_epi16(b, low), span), zero));
        }
        uint32_t mask = (uint32_t)_mm_movemask_epi8(_mm_packs_epi16(hitA, hitB));
        while (mask != 0) {
            out[n++] = i + __builtin_ctz(mask);
            mask &= mask - 1;
        }
    }
#endif
    return find_units_scalar(text, i, length, singles, singleCount, ranges, rangeCount, out, n);
}

#if FRN_X86
/// `find_units` 32 units at a time, with AVX2 (only called when the processor has it).
static inline __attribute__((always_inline, target("avx2"))) int32_t find_units_avx2(
    const uint16_t *text, int32_t length, const uint16_t *singles, int32_t singleCount, const uint16_t *ranges,
    int32_t rangeCount, int32_t *out) {
    if (text == NULL || length <= 0) return 0;
    int32_t n = 0;
    int32_t i = 0;
    const __m256i zero = _mm256_setzero_si256();
    for (; i + 32 <= length; i += 32) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(text + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(text + i + 16));
        __m256i hitA = zero, hitB = zero;
        for (int32_t k = 0; k < singleCount; k++) {
            __m256i single = _mm256_set1_epi16((short)singles[k]);
            hitA = _mm256_or_si256(hitA, _mm256_cmpeq_epi16(a, single));
            hitB = _mm256_or_si256(hitB, _mm256_cmpeq_epi16(b, single));
        }
        for (int32_t k = 0; k < rangeCount; k++) {
            __m256i low = _mm256_set1_epi16((short)ranges[2 * k]);
            __m256i span = _mm256_set1_epi16((short)(uint16_t)(ranges[2 * k + 1] - ranges[2 * k]));
            hitA = _mm256_or_si256(hitA, _mm256_cmpeq_epi16(_mm256_subs_epu16(_mm256_sub_epi16(a, low), span), zero));
            hitB = _mm256_or_si256(hitB, _mm256_cmpeq_epi16(_mm256_subs_epu16(_mm256_sub_epi16(b, low), span), zero));
        }
        // Packing works within 128-bit halves (a0–7 b0–7 a8–15 b8–15): the quarters are put back in order.
        __m256i packed = _mm256_permute4x64_epi64(_mm256_packs_epi16(hitA, hitB), 0xD8);
        uint32_t mask = (uint32_t)_mm256_movemask_epi8(packed);
        while (mask != 0) {
            out[n++] = i + __builtin_ctz(mask);
            mask &= mask - 1;
        }
    }
    return find_units_scalar(text, i, length, singles, singleCount, ranges, rangeCount, out, n);
}

static int hasAVX2 = -1; // -1 until asked; a benign race (every thread finds the same answer)

static inline int processor_has_avx2(void) {
    if (hasAVX2 < 0) {
        __builtin_cpu_init();
        hasAVX2 = __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return hasAVX2;
}
#endif

// `:` `@` `w` `W` (links), U+202F (narrow no-break space), `'` `’` (apostrophes).
static const uint16_t tokenMarks[] = {0x3A, 0x40, 0x77, 0x57, 0x202F, 0x27, 0x2019};
enum { TOKEN_MARK_COUNT = sizeof tokenMarks / sizeof tokenMarks[0] };

// ASCII `.` `!` `?` LF CR; NEL; U+2024, U+2028, U+2029, `‼` `‽`; then ranges: everything from U+0589 on
// but the general punctuation block, and `⁇` `⁈` `⁉`.
static const uint16_t sentenceSingles[] = {0x2E, 0x21, 0x3F, 0x0A, 0x0D, 0x85, 0x2024, 0x2028, 0x2029, 0x203C, 0x203D};
static const uint16_t sentenceRanges[] = {0x0589, 0x1FFF, 0x2070, 0xFFFF, 0x2047, 0x2049};
enum {
    SENTENCE_SINGLE_COUNT = sizeof sentenceSingles / sizeof sentenceSingles[0],
    SENTENCE_RANGE_COUNT = sizeof sentenceRanges / sizeof sentenceRanges[0] / 2,
};

#if FRN_X86
__attribute__((target("avx2"))) static int32_t find_token_marks_avx2(const uint16_t *text, int32_t length, int32_t *out) {
    return find_units_avx2(text, length, tokenMarks, TOKEN_MARK_COUNT, NULL, 0, out);
}

__attribute__((target("avx2"))) static int32_t find_sentence_candidates_avx2(const uint16_t *text, int32_t length, int32_t *out) {
    return find_units_avx2(text, length, sentenceSingles, SENTENCE_SINGLE_COUNT, sentenceRanges, SENTENCE_RANGE_COUNT, out);
}
#endif

int32_t frn_find_token_marks(const uint16_t *text, int32_t length, int32_t *out) {
#if FRN_X86
    if (processor_has_avx2()) return find_token_marks_avx2(text, length, out);
#endif
    return find_units(text, length, tokenMarks, TOKEN_MARK_COUNT, NULL, 0, out);
}

int32_t frn_find_sentence_candidates(const uint16_t *text, int32_t length, int32_t *out) {
#if FRN_X86
    if (processor_has_avx2()) return find_sentence_candidates_avx2(text, length, out);
#endif
    return find_units(text, length, sentenceSingles, SENTENCE_SINGLE_COUNT, sentenceRanges, SENTENCE_RANGE_COUNT, out);
}

/// The same scans without AVX2 (SSE2 where there is, else one unit at a time): for tests, which compare
/// the two.
int32_t frn_find_token_marks_baseline(const uint16_t *text, int32_t length, int32_t *out) {
    return find_units(text, length, tokenMarks, TOKEN_MARK_COUNT, NULL, 0, out);
}

int32_t frn_find_sentence_candidates_baseline(const uint16_t *text, int32_t length, int32_t *out) {
    return find_units(text, length, sentenceSingles, SENTENCE_SINGLE_COUNT, sentenceRanges, SENTENCE_RANGE_COUNT, out);
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

static int32_t fold_codepoint(uint32_t codepoint, uint16_t *out, int32_t capacity, UBool alwaysNormalize) {
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
    int32_t decomposedLength;
    // One code point without a decomposition mapping is its own NFD: most of the table's units are, and
    // the normalizer is the table's costliest call (the process's start-up waits for the table). The
    // tests compare this with the always-normalizing fold over every code point.
    UChar32 single = -1;
    if (foldedLength == 1 && !U16_IS_SURROGATE(folded[0])) {
        single = folded[0];
    } else if (foldedLength == 2 && U16_IS_LEAD(folded[0]) && U16_IS_TRAIL(folded[1])) {
        single = U16_GET_SUPPLEMENTARY(folded[0], folded[1]);
    }
    if (!alwaysNormalize && single >= 0 && u_getIntPropertyValue(single, UCHAR_DECOMPOSITION_TYPE) == U_DT_NONE) {
        for (int32_t i = 0; i < foldedLength; i++) decomposed[i] = folded[i];
        decomposedLength = foldedLength;
    } else {
        status = U_ZERO_ERROR;
        decomposedLength = unorm2_normalize(nfd, folded, foldedLength, decomposed, 64, &status);
        if (U_FAILURE(status) || decomposedLength > 64) return 0;
    }

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

int32_t frn_fold_codepoint(uint32_t codepoint, uint16_t *out, int32_t capacity) {
    return fold_codepoint(codepoint, out, capacity, 0);
}

int32_t frn_fold_codepoint_normalizing(uint32_t codepoint, uint16_t *out, int32_t capacity) {
    return fold_codepoint(codepoint, out, capacity, 1);
}

const char *frn_icu_version(void) {
    static char buffer[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo info;
    u_getVersion(info);
    u_versionToString(info, buffer);
    return buffer;
}
