/**
 * Client for the QEMU Machine Protocol (QMP), in layers:
 * <ol>
 *   <li>transport: {@link org.vmstation.engine.qmp.QmpTransport}, {@link org.vmstation.engine.qmp.UnixSocketTransport};</li>
 *   <li>framing: {@link org.vmstation.engine.qmp.QmpFrameDecoder} cuts the byte stream into JSON objects
 *       (size and depth limited), Jackson parses each;</li>
 *   <li>correlation: {@code QmpConnection} matches replies to commands by id, hands events to a
 *       dispatcher thread and fails everything outstanding when the connection ends;</li>
 *   <li>typed API: {@link org.vmstation.engine.qmp.QmpClient}.</li>
 * </ol>
 * Everything QEMU sends is untrusted: a malformed message ends that connection with a
 * {@link org.vmstation.engine.qmp.QmpProtocolException} as the cause, never the application.
 */
package org.vmstation.engine.qmp;
