package org.vmstation.app.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import java.util.ServiceLoader;
import org.kordamp.ikonli.IkonHandler;
import org.vmstation.app.gui.view.Icons;

/** Every icon the window names exists in the Ikonli pack on the classpath (a typo would fail when the view is built). */
class IconsTest {
    @Test
    void everyIconConstantResolvesInTheMaterialDesignPack() throws Exception {
        List<String> codes = new ArrayList<>();
        for (Field f : Icons.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) codes.add((String) f.get(null));
        }
        assertThat(codes).hasSizeGreaterThan(20);
        List<IkonHandler> handlers = ServiceLoader.load(IkonHandler.class).stream().map(ServiceLoader.Provider::get).toList();
        for (String code : codes) {
            IkonHandler handler = handlers.stream().filter(h -> h.supports(code)).findFirst().orElse(null);
            assertThat(handler).as("an icon pack for " + code).isNotNull();
            assertThat(handler.resolve(code).getDescription()).as(code).isEqualTo(code);
        }
        assertThat(Icons.forOsFamily("windows")).isEqualTo(Icons.OS_WINDOWS);
        assertThatThrownBy(() -> Icons.icon("M12 2l3 4h-2z")).hasMessageContaining("not a Material Design icon code: 'M12 2l3 4h-2z'");
    }
}
