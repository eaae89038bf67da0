// String similarity kernels over normalized (lowercase ASCII) tokens.
// reference/ holds slow, obviously correct versions; differential tests keep
// these equal to them.
// Thread-safety: pure functions.
#ifndef EMBARGO_MATCH_SIMILARITY_H_
#define EMBARGO_MATCH_SIMILARITY_H_

#include <string_view>

namespace embargo::internal {

// Jaro similarity in [0,1].
double Jaro(std::string_view a, std::string_view b) noexcept;

// Jaro-Winkler with the standard prefix scale 0.1 over up to 4 characters.
double JaroWinkler(std::string_view a, std::string_view b) noexcept;

// Optimal string alignment distance (Levenshtein plus adjacent
// transpositions, each substring edited once), or max_distance + 1 once it
// exceeds max_distance.
int BoundedOsaDistance(std::string_view a, std::string_view b,
                       int max_distance) noexcept;

// The token similarity used for typos: the mean of Jaro-Winkler (which
// forgives transpositions and rewards shared prefixes) and the edit-distance
// ratio 1 - OSA/longer length (which Jaro-Winkler's prefix bonus cannot
// inflate: kovalenko/kostenko is 0.89 by Jaro-Winkler, 0.67 by edits).
double TypoSimilarity(std::string_view a, std::string_view b) noexcept;

}  // namespace embargo::internal

#endif  // EMBARGO_MATCH_SIMILARITY_H_
