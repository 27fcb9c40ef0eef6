/**
 * JavaFX console view: {@link org.vmstation.graphics.view.DisplayView} renders an RFB session's framebuffer
 * through a {@code PixelBuffer} (damaged rectangles only, at most once per pulse) and forwards keyboard and mouse;
 * {@link org.vmstation.graphics.view.DisplayFullscreen} shows it full screen.
 */
package org.vmstation.graphics.view;
