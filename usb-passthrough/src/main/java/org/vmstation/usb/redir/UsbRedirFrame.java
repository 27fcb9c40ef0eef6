package org.vmstation.usb.redir;

/**
 * One packet as framed on the wire, before its body is interpreted.
 *
 * @param type packet type number
 * @param id   the packet id (request/response correlation)
 * @param body the type-specific header followed by the data
 */
public record UsbRedirFrame(int type, long id, byte[] body) {}
