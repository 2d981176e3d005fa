# Builder stage for the arm64 runtime stand-in (see Dockerfile), built by
# scripts/ci/build-base-images.sh with `docker buildx build --platform linux/arm64 --load`.
# Build context (staged by that script):
#   rootfs.tar  mmdebstrap --variant=minbase --arch=arm64 bookworm (+ ca-certificates, libssl3,
#               libstdc++6)
#   dotnet/     /usr/share/dotnet laid out from the NuGet runtime packs
#               Microsoft.NETCore.App.Runtime.linux-arm64 and Microsoft.AspNetCore.App.Runtime.linux-arm64:
#               host/fxr/<ver>/libhostfxr.so, shared/Microsoft.NETCore.App/<ver>,
#               shared/Microsoft.AspNetCore.App/<ver> (no `dotnet` muxer: NuGet does not serve it)
# Nothing runs in this file; the runtime Dockerfile's builder stage runs assemble-rootfs in it.
FROM scratch
ADD rootfs.tar /
COPY dotnet/ /usr/share/dotnet/
ENV DOTNET_ROOT=/usr/share/dotnet
