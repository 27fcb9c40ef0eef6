#!/usr/bin/env bash
# Import benchmark: `vmstation import X.ova` (qemu-img reads the VMDK straight out of the tar at its offset)
# against the manual way (`tar -x`, then `qemu-img convert` to qcow2), alternating in one run; the machine is
# noisy, the ratio counts. The disk holds real (random, incompressible) data, not zeros.
#
# Besides the time, each way's peak extra disk space is measured: a sampler polls the space allocated under the
# folder that way writes into (the library for VMStation, the extraction folder for the manual way) every
# 0.1 s while it runs. VMStation's peak should be its resulting qcow2 alone; the manual way's is the extracted
# VMDK plus the qcow2.
# Usage: scripts/bench-import.sh [SIZE_MIB] [ROUNDS]   (defaults 2048 and 3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
size_mib="${1:-2048}"
rounds="${2:-3}"
# shellcheck source=scripts/ensure-jdk.sh
source "$here/scripts/ensure-jdk.sh"
[[ -f app/target/app-0.1.0-SNAPSHOT.jar ]] || mvn -B -q -DskipTests install

work="$(mktemp -d "${BENCH_DIR:-/var/tmp}/vmsimport.XXXXXX")"
export VMSTATION_LIBRARY="$work/lib"
vms() { "$JAVA_HOME/bin/java" -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$work/app.jsa" -XX:TieredStopAtLevel=1 \
          -jar app/target/app-0.1.0-SNAPSHOT.jar "$@"; }
sampler_pid=
trap '[[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null; rm -rf "$work"' EXIT

echo "making a ${size_mib} MiB disk of random data and its OVA..." >&2
mkdir -p "$work/pkg"
dd if=/dev/urandom of="$work/disk.raw" bs=1M count="$size_mib" status=none
qemu-img convert -f raw -O vmdk -o subformat=streamOptimized "$work/disk.raw" "$work/pkg/bench-disk1.vmdk"
rm "$work/disk.raw"
cap=$((size_mib * 1024 * 1024))
fsize=$(stat -c %s "$work/pkg/bench-disk1.vmdk")
cat > "$work/pkg/bench.ovf" <<OVF
<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"
  xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" ovf:version="1.0">
  <References><File ovf:href="bench-disk1.vmdk" ovf:id="file1" ovf:size="$fsize"/></References>
  <DiskSection><Info>disks</Info><Disk ovf:capacity="$cap" ovf:diskId="vmdisk1" ovf:fileRef="file1"
    ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/></DiskSection>
  <VirtualSystem ovf:id="Bench"><Info>bench</Info><Name>Bench</Name>
    <VirtualHardwareSection><Info>hw</Info>
      <Item><rasd:ElementName>cpu</rasd:ElementName><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>1</rasd:VirtualQuantity></Item>
      <Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>mem</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>256</rasd:VirtualQuantity></Item>
      <Item><rasd:ElementName>sata</rasd:ElementName><rasd:InstanceID>3</rasd:InstanceID><rasd:ResourceSubType>AHCI</rasd:ResourceSubType><rasd:ResourceType>20</rasd:ResourceType></Item>
      <Item><rasd:AddressOnParent>0</rasd:AddressOnParent><rasd:ElementName>disk</rasd:ElementName><rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource><rasd:InstanceID>4</rasd:InstanceID><rasd:Parent>3</rasd:Parent><rasd:ResourceType>17</rasd:ResourceType></Item>
    </VirtualHardwareSection></VirtualSystem>
</Envelope>
OVF
(cd "$work/pkg" && tar --format=ustar -cf "$work/bench.ova" bench.ovf bench-disk1.vmdk)
rm -rf "$work/pkg"
ova_bytes=$(stat -c %s "$work/bench.ova")
vms list >/dev/null 2>&1 # warm the class-data archive and create the library

allocated() { du -s -B1 "$1" 2>/dev/null | cut -f1 || echo 0; }
# start_sampler DIR: records the largest allocation under DIR, above what it held at the start, in $work/peak.
start_sampler() {
    local dir="$1" base
    base=$(allocated "$dir")
    echo "$base" > "$work/base"
    echo 0 > "$work/peak"
    ( peak=0
      while :; do
          now=$(( $(allocated "$dir") - base ))
          if (( now > peak )); then peak=$now; echo "$peak" > "$work/peak"; fi
          sleep 0.1
      done ) &
    sampler_pid=$!
}
stop_sampler() { # DIR: one last sample after the work ended, then prints the peak
    local dir="$1" last peak
    kill "$sampler_pid" 2>/dev/null; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=
    last=$(( $(allocated "$dir") - $(cat "$work/base") )); peak=$(cat "$work/peak")
    echo $(( last > peak ? last : peak ))
}

now() { date +%s%N; }
mib() { awk -v b="$1" 'BEGIN {printf "%.0f", b / 1048576}'; }
vm_times=(); manual_times=(); vm_peaks=(); manual_peaks=(); results=()
for ((i = 1; i <= rounds; i++)); do
  # Alternate which way goes first, so neither always gets the warmer page cache.
  for way in $( ((i % 2)) && echo "vms manual" || echo "manual vms"); do
    if [[ $way == vms ]]; then
      start_sampler "$work/lib"
      t0=$(now); vms import "$work/bench.ova" --name "Bench $i" >/dev/null 2>&1; t1=$(now)
      peak=$(stop_sampler "$work/lib")
      vm_times+=($(( (t1 - t0) / 1000000 ))); vm_peaks+=("$peak")
      folder="$(vms show "Bench $i" --json 2>/dev/null | grep -o '"folder" : "[^"]*"' | cut -d'"' -f4)"
      result=$(allocated "$folder/disk1.qcow2"); results+=("$result")
      vms delete "Bench $i" >/dev/null 2>&1
      echo "round $i: vmstation import ${vm_times[-1]} ms, peak extra disk $(mib "$peak") MiB (resulting qcow2 $(mib "$result") MiB)" >&2
    else
      mkdir -p "$work/manual"
      start_sampler "$work/manual"
      t0=$(now)
      tar -xf "$work/bench.ova" -C "$work/manual"
      qemu-img convert -f vmdk -O qcow2 "$work/manual/bench-disk1.vmdk" "$work/manual/out.qcow2"
      t1=$(now)
      peak=$(stop_sampler "$work/manual")
      manual_times+=($(( (t1 - t0) / 1000000 ))); manual_peaks+=("$peak")
      rm -rf "$work/manual"
      echo "round $i: tar -x + qemu-img convert ${manual_times[-1]} ms, peak extra disk $(mib "$peak") MiB" >&2
    fi
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mv=$(median "${vm_times[@]}"); mm=$(median "${manual_times[@]}")
pv=$(median "${vm_peaks[@]}"); pm=$(median "${manual_peaks[@]}"); rq=$(median "${results[@]}")
echo "OVA of ${size_mib} MiB of random data ($(mib "$ova_bytes") MiB archive), median of $rounds rounds:"
echo "  time:            vmstation import ${mv} ms, manual ${mm} ms, ratio $(awk -v a="$mv" -v b="$mm" 'BEGIN {printf "%.2f", a/b}')"
echo "  peak extra disk: vmstation import $(mib "$pv") MiB (its resulting qcow2: $(mib "$rq") MiB), manual $(mib "$pm") MiB"
