// A guard run over JSON text before it is parsed: finds where objects and
// arrays nest deeper than a limit (kMaxJsonDepth), so that hostile input
// such as a million '[' is refused with a clear error instead of reaching
// recursive code (nlohmann's serializer, our own walkers).
// Thread-safety: pure functions.
#ifndef EMBARGO_MODEL_JSON_DEPTH_H_
#define EMBARGO_MODEL_JSON_DEPTH_H_

#include <cstddef>
#include <string_view>

namespace embargo::internal {

// The byte offset of the first '[' or '{' (outside strings) that opens
// nesting level `max_depth + 1`, or npos when the text nests at most
// `max_depth` deep. Does not validate the JSON otherwise: the parser that
// runs next does.
std::size_t FindJsonDepthOverflow(std::string_view json, int max_depth);

}  // namespace embargo::internal

#endif  // EMBARGO_MODEL_JSON_DEPTH_H_
