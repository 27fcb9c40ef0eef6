-- A library database as VMStation schema version 1 made it. Frozen: this is what exists in the field, so it must
-- never be edited to follow later code. Tags and notes still live inside definition_json here.
CREATE TABLE vms (
    id              TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    os_type         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'STOPPED',
    created_at      TEXT NOT NULL,
    definition_json TEXT NOT NULL
);
CREATE UNIQUE INDEX vms_name_unique ON vms (name COLLATE NOCASE);
PRAGMA application_id = 1447908180;
PRAGMA user_version = 1;

INSERT INTO vms (id, name, os_type, state, created_at, definition_json) VALUES (
    '5d0c1a4e-8f53-4a57-9a43-0b3f4c2a9e11', 'Debian 12', 'debian', 'STOPPED', '2024-05-01T08:00:00.000000000Z',
    '{"formatVersion":1,"id":"5d0c1a4e-8f53-4a57-9a43-0b3f4c2a9e11","name":"Debian 12","osType":"debian","firmware":"UEFI","machineType":"q35","cpus":2,"memoryMiB":2048,"disks":[{"path":"disk0.qcow2","format":"QCOW2","bus":"VIRTIO","readOnly":false}],"cdroms":[{"isoPath":null,"bus":"SATA"}],"bootOrder":["DISK","CDROM"],"kernelBoot":null,"network":{"mode":"NAT","model":"virtio-net-pci","macAddress":null,"forwards":[{"protocol":"TCP","hostAddress":"127.0.0.1","hostPort":2222,"guestPort":22}]},"display":{"adapter":"VIRTIO_VGA","acceleration3d":"OFF"},"serialConsole":true,"tags":["dev","server"],"notes":"Build box","settings":{"usb.tablet":"on","power.acpi":"true"}}'
);
INSERT INTO vms (id, name, os_type, state, created_at, definition_json) VALUES (
    'b7e4f0aa-1111-4c4c-8d8d-222233334444', 'Tiny Kernel', 'linux', 'RUNNING', '2024-06-15T12:30:00Z',
    '{"formatVersion":1,"id":"b7e4f0aa-1111-4c4c-8d8d-222233334444","name":"Tiny Kernel","osType":"linux","cpus":1,"memoryMiB":128,"bootOrder":["NETWORK"],"kernelBoot":{"kernelPath":"/boot/vmlinuz","initrdPath":null,"commandLine":"console=ttyS0"},"tags":["zeta","Alpha","test"],"notes":"line one\nline two","settings":{"z":"last","a":"first"}}'
);
INSERT INTO vms (id, name, os_type, state, created_at, definition_json) VALUES (
    'c0ffee00-0000-4000-8000-000000000003', 'Untagged', 'other', 'STOPPED', '2024-07-01T00:00:00.000000001Z',
    '{"formatVersion":1,"id":"c0ffee00-0000-4000-8000-000000000003","name":"Untagged","bootOrder":["NETWORK"]}'
);
