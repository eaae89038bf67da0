// Differential fuzzer: the fast similarity kernels (src/match/similarity.h)
// against the textbook oracle (reference/reference_similarity.h). Any
// difference beyond 1e-12 (the tolerance of similarity_test.cc; the kernels
// and the oracle add the same terms in the same order, so only rounding in
// the last bit may differ) aborts.
// Input: byte 0 is the edit bound, then the two strings split at the first
// '\n'. The kernels cut strings at 64 bytes (similarity.cc kMaxLen: tokens
// are far shorter, and the cap keeps them allocation-free), which the oracle
// does not, so both strings are cut to 64 bytes first.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "match/similarity.h"
#include "reference/reference_similarity.h"

namespace {

constexpr double kTolerance = 1e-12;
constexpr size_t kMaxLen = 64;

std::string Case(std::string_view a, std::string_view b) {
  return "a='" + std::string(a) + "' b='" + std::string(b) + "'";
}

void Near(double fast, double slow, const char* what, std::string_view a,
          std::string_view b) {
  if (!(std::fabs(fast - slow) <= kTolerance))
    embargo::fuzz::Fail(what, Case(a, b) + " fast=" + std::to_string(fast) +
                                  " reference=" + std::to_string(slow));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  namespace fast = embargo::internal;
  namespace ref = embargo::reference;
  if (size < 1) return 0;
  const int bound = data[0] % 70;  // 0..69: past every capped length too
  std::string_view rest = embargo::fuzz::AsText(data + 1, size - 1);
  size_t nl = rest.find('\n');
  std::string_view a = rest.substr(0, nl);
  std::string_view b =
      nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  a = a.substr(0, kMaxLen);
  b = b.substr(0, kMaxLen);

  Near(fast::Jaro(a, b), ref::Jaro(a, b), "Jaro", a, b);
  Near(fast::JaroWinkler(a, b), ref::JaroWinkler(a, b), "JaroWinkler", a, b);
  const int osa = ref::OsaDistance(a, b);
  if (fast::BoundedOsaDistance(a, b, bound) != std::min(osa, bound + 1))
    embargo::fuzz::Fail("BoundedOsaDistance",
                        Case(a, b) + " bound=" + std::to_string(bound) +
                            " reference=" + std::to_string(osa));
  Near(fast::TypoSimilarity(a, b), ref::TypoSimilarity(a, b), "TypoSimilarity",
       a, b);
  return 0;
}
