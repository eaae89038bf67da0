// PLACEHOLDER: replaced by the real loader.
#include "sources/loaders.h"

namespace embargo::internal {

Result<EntityList> LoadFtm(const std::string& path) {
  return Status::Unsupported(path + ": the ftm loader is not written yet");
}

}  // namespace embargo::internal
