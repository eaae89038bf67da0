// SpellingWriter: the output of a letter-rule pass over a token (RuleForm,
// the phonetic spelling), written into a string sized for the longest
// result. A pass appends a char or two per input char, and push_back's
// capacity checks were a third of such a pass's instructions.
// Thread-safety: none; a writer belongs to one pass.
#ifndef EMBARGO_NORMALIZE_SPELLING_WRITER_H_
#define EMBARGO_NORMALIZE_SPELLING_WRITER_H_

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace embargo::internal {

class SpellingWriter {
 public:
  // Up to `most` chars may be appended to `*out`, emptied here.
  SpellingWriter(std::string* out, size_t most) : out_(out) {
    out->resize(most);
    p_ = out->data();
  }
  SpellingWriter& operator+=(char c) {
    *p_++ = c;
    return *this;
  }
  SpellingWriter& operator+=(std::string_view s) {
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
    return *this;
  }
  // Ends the pass: `*out` holds what was appended.
  void Finish() { out_->resize(static_cast<size_t>(p_ - out_->data())); }

 private:
  std::string* out_;
  char* p_;
};

// Drops every char equal to the one before it ("mohammed" -> "mohamed").
inline void CollapseDoubles(std::string* s) {
  size_t w = 0;
  for (size_t r = 0; r < s->size(); ++r) {
    if (w > 0 && (*s)[w - 1] == (*s)[r]) continue;
    (*s)[w++] = (*s)[r];
  }
  s->resize(w);
}

}  // namespace embargo::internal

#endif  // EMBARGO_NORMALIZE_SPELLING_WRITER_H_
