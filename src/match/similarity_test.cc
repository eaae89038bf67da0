#include "match/similarity.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "reference/reference_similarity.h"

namespace embargo::internal {
namespace {

TEST(SimilarityTest, KnownValues) {
  // Classic examples from Winkler (1990).
  EXPECT_NEAR(Jaro("martha", "marhta"), 0.944444, 1e-6);
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961111, 1e-6);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.84, 1e-6);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.813333, 1e-6);
  EXPECT_EQ(JaroWinkler("", ""), 1.0);
  EXPECT_EQ(JaroWinkler("abc", ""), 0.0);
  EXPECT_EQ(BoundedOsaDistance("mahmoud", "mahmuod", 3), 1);
  // Same prefix and ending, different surname: Jaro-Winkler says 0.8444,
  // three edits in nine letters say 0.6667; the mean keeps them apart.
  EXPECT_NEAR(JaroWinkler("kovalenko", "kostenko"), 0.844444, 1e-6);
  EXPECT_NEAR(TypoSimilarity("kovalenko", "kostenko"), 0.755556, 1e-6);
  EXPECT_GT(TypoSimilarity("mohamad", "mohammad"), 0.9);
}

// The fast kernels agree with the textbook oracle on random strings drawn
// from a small alphabet (so matches and transpositions are frequent).
TEST(SimilarityTest, AgreesWithReference) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> len(0, 14), ch(0, 5);
  for (int iter = 0; iter < 20000; ++iter) {
    std::string a, b;
    int la = len(rng), lb = len(rng);
    for (int i = 0; i < la; ++i) a += static_cast<char>('a' + ch(rng));
    for (int i = 0; i < lb; ++i) b += static_cast<char>('a' + ch(rng));
    ASSERT_NEAR(Jaro(a, b), reference::Jaro(a, b), 1e-12) << a << " " << b;
    ASSERT_NEAR(JaroWinkler(a, b), reference::JaroWinkler(a, b), 1e-12)
        << a << " " << b;
    int osa = reference::OsaDistance(a, b);
    ASSERT_EQ(BoundedOsaDistance(a, b, 3), std::min(osa, 4)) << a << " " << b;
    double ref_typo = reference::TypoSimilarity(a, b);
    ASSERT_NEAR(TypoSimilarity(a, b), ref_typo, 1e-12) << a << " " << b;
  }
}

// The bit-parallel OSA at the word's edge: tokens of 60 to 70 letters
// (cut to the first 64), against the table on the same cut.
TEST(SimilarityTest, OsaAgreesWithReferenceOnLongTokens) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> len(56, 70), ch(0, 3), pos(0, 69);
  for (int iter = 0; iter < 2000; ++iter) {
    std::string a, b;
    const int la = len(rng);
    for (int i = 0; i < la; ++i) a += static_cast<char>('a' + ch(rng));
    b = a;
    for (int edits = iter % 6; edits > 0; --edits) {
      const size_t k = static_cast<size_t>(pos(rng)) % (b.size() + 1);
      if (edits % 3 == 0 && k < b.size())
        b.erase(k, 1);
      else if (edits % 3 == 1)
        b.insert(k, 1, static_cast<char>('a' + ch(rng)));
      else if (k + 1 < b.size())
        std::swap(b[k], b[k + 1]);
    }
    const int osa = reference::OsaDistance(std::string_view(a).substr(0, 64),
                                           std::string_view(b).substr(0, 64));
    for (int bound : {0, 2, 5, 64})
      ASSERT_EQ(BoundedOsaDistance(a, b, bound), std::min(osa, bound + 1))
          << a << " " << b << " " << bound;
  }
}

}  // namespace
}  // namespace embargo::internal
