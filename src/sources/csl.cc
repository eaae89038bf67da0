// PLACEHOLDER: replaced by the real loader.
#include "sources/loaders.h"

namespace embargo::internal {

Result<EntityList> LoadCsl(const std::string& path) {
  return Status::Unsupported(path + ": the csl loader is not written yet");
}

}  // namespace embargo::internal
