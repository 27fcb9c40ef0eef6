package org.vmstation.app.gui.view;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.vmstation.app.gui.library.LibraryViewModel;
import org.vmstation.app.gui.library.SortOrder;
import org.vmstation.app.gui.library.StateFilter;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.wizard.OsPreset;
import org.vmstation.app.gui.wizard.OsPresets;

/** The library pane: search, filters, sort and the VM list. No logic: everything binds to {@link LibraryViewModel}. */
public final class LibraryView extends VBox {
    private final ListView<VmItem> list = new ListView<>();
    private final ComboBox<StateFilter> stateFilter;
    private final ComboBox<String> tagFilter;
    private final ComboBox<SortOrder> sortOrder;
    private final TextField search = Controls.searchField("Search name, OS, tags, notes", "library-search", "Search virtual machines");

    public LibraryView(LibraryViewModel vm, java.util.function.Supplier<OsPresets> presets, ThumbnailSource thumbnails, Runnable onNewVm) {
        getStyleClass().add("library-pane");
        setMinWidth(260);
        setPrefWidth(320);

        search.textProperty().bindBidirectional(vm.searchTextProperty());

        ComboBox<StateFilter> state = new ComboBox<>();
        state.getItems().setAll(StateFilter.values());
        state.valueProperty().bindBidirectional(vm.stateFilterProperty());
        state.setId("library-state-filter");
        state.setAccessibleText("Filter by state");
        ComboBox<String> tag = new ComboBox<>(vm.tagChoices());
        tag.valueProperty().bindBidirectional(vm.tagFilterProperty());
        tag.setId("library-tag-filter");
        tag.setAccessibleText("Filter by tag");
        ComboBox<SortOrder> sort = new ComboBox<>();
        sort.getItems().setAll(SortOrder.values());
        sort.valueProperty().bindBidirectional(vm.sortOrderProperty());
        sort.setId("library-sort");
        sort.setAccessibleText("Sort by");
        stateFilter = state;
        tagFilter = tag;
        sortOrder = sort;
        for (ComboBox<?> c : java.util.List.of(state, tag, sort)) {
            c.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        HBox filterRow = new HBox(6, state, tag);
        HBox sortRow = new HBox(6, new Label("Sort"), sort);
        sortRow.setAlignment(Pos.CENTER_LEFT);
        VBox filters = new VBox(6, search, filterRow, sortRow);
        filters.getStyleClass().add("filters");

        list.setItems(vm.visibleItems());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.getStyleClass().add("library-list");
        list.setId("library-list");
        list.setAccessibleText("Virtual machines");
        list.setCellFactory(l -> new VmCell(presets, thumbnails));
        // one row height for every VM (the tallest row: a live thumbnail, or name, state and a line of tags): the
        // list then never measures rows to size its scroll bar, which with 10,000 VMs was most of a window open
        list.setFixedCellSize(VmCell.HEIGHT);
        list.setPlaceholder(emptyPlaceholder(vm, onNewVm));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(filters, list);
    }

    private static VBox emptyPlaceholder(LibraryViewModel vm, Runnable onNewVm) {
        Label text = new Label();
        // while the first read is under way the list is empty but the library need not be: no "no VMs" flash
        text.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> vm.readingProperty().get() ? "Reading the library…"
                        : vm.allItems().isEmpty() ? "No virtual machines yet." : "No VM matches the search or filters.",
                vm.allItems(), vm.readingProperty()));
        text.setId("library-placeholder-text");
        Button create = new Button("New VM…", Icons.icon(Icons.NEW, "accent"));
        create.setOnAction(e -> onNewVm.run());
        create.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.allItems()).and(vm.readingProperty().not()));
        VBox box = new VBox(10, Icons.icon(Icons.MONITOR, "huge"), text, create);
        box.getStyleClass().add("library-empty");
        return box;
    }

    /** The filters' tooltips: popup windows with their own controls, so made after the first frame, not for it. */
    public void addTooltips() {
        stateFilter.setTooltip(new Tooltip("Show only VMs in this state"));
        tagFilter.setTooltip(new Tooltip("Show only VMs with this tag"));
        sortOrder.setTooltip(new Tooltip("Sort order"));
    }

    public ListView<VmItem> list() { return list; }

    public TextField searchField() { return search; }

    /**
     * One VM in the list: OS icon (or live thumbnail), name, state and OS, one line of tags. A row is
     * {@link #HEIGHT} high; what changes between renders (icon, tag chips, state class) is replaced only when it
     * changed, so scrolling and state updates do not rebuild nodes.
     */
    private static final class VmCell extends ListCell<VmItem> {
        /** Cell padding 8 + 8, border 1, and the taller of the thumbnail (54) and the text (name, state, tags). */
        static final double HEIGHT = 72;
        /** A running VM's badge grows to a small 4:3 screen. */
        private static final String THUMBNAIL_BADGE = "-fx-min-width: " + LiveThumbnails.WIDTH + "; -fx-pref-width: " + LiveThumbnails.WIDTH
                + "; -fx-min-height: " + LiveThumbnails.HEIGHT + "; -fx-pref-height: " + LiveThumbnails.HEIGHT
                + "; -fx-max-width: " + LiveThumbnails.WIDTH + "; -fx-max-height: " + LiveThumbnails.HEIGHT + "; -fx-background-color: #1b1e24;";
        private final java.util.function.Supplier<OsPresets> presets;
        private final ThumbnailSource thumbnails;
        private final StackPane badge = new StackPane();
        private final Label name = new Label();
        private final Region dot = new Region();
        private final Label sub = new Label();
        private final HBox tags = new HBox(4);
        private final HBox root;
        private String iconPath;
        private java.util.List<String> tagsShown = java.util.List.of();
        private org.vmstation.engine.runtime.VmState styledState;
        private final javafx.beans.InvalidationListener refresh = o -> render();
        private VmItem shown;

        VmCell(java.util.function.Supplier<OsPresets> presets, ThumbnailSource thumbnails) {
            this.presets = presets;
            this.thumbnails = thumbnails;
            badge.getStyleClass().add("os-badge");
            name.getStyleClass().add("vm-name");
            sub.getStyleClass().add("vm-sub");
            dot.getStyleClass().add("state-dot");
            HBox stateLine = new HBox(6, dot, sub);
            stateLine.setAlignment(Pos.CENTER_LEFT);
            VBox text = new VBox(2, name, stateLine, tags);
            HBox.setHgrow(text, Priority.ALWAYS);
            root = new HBox(10, badge, text);
            root.getStyleClass().add("vm-cell");
            // a long line of tags ends at the row's edge instead of drawing over the next row
            tags.setMinWidth(0);
            javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
            clip.widthProperty().bind(root.widthProperty());
            clip.heightProperty().bind(root.heightProperty());
            root.setClip(clip);
            setPrefWidth(0); // let the list width decide; long names get an ellipsis instead of a scroll bar
        }

        @Override
        protected void updateItem(VmItem item, boolean empty) {
            super.updateItem(item, empty);
            if (shown != null) {
                shown.stateProperty().removeListener(refresh);
                shown.definitionProperty().removeListener(refresh);
            }
            shown = empty ? null : item;
            if (shown == null) {
                setGraphic(null);
                setText(null);
                setAccessibleText(null);
                return;
            }
            shown.stateProperty().addListener(refresh);
            shown.definitionProperty().addListener(refresh);
            render();
            setGraphic(root);
        }

        private void render() {
            VmItem item = shown;
            if (item == null) return;
            // the exact OS the VM was made for where recorded ("Debian 11"), else the preset's label ("Other Linux")
            OsPreset os = presets.get().forOsType(item.definition().osType());
            String osName = org.vmstation.engine.osinfo.RecordedOs.label(item.definition(), os.label());
            name.setText(item.name());
            sub.setText(StateText.label(item.state()) + " · " + osName);
            if (styledState != item.state()) {
                StateText.applyStyle(dot, item.state());
                styledState = item.state();
            }
            java.util.List<String> vmTags = item.definition().tags();
            if (!vmTags.equals(tagsShown)) {
                tags.getChildren().setAll(vmTags.stream().map(t -> {
                    Label chip = new Label(t);
                    chip.getStyleClass().add("chip");
                    chip.setMinWidth(Region.USE_PREF_SIZE);
                    return (javafx.scene.Node) chip;
                }).toList());
                tagsShown = java.util.List.copyOf(vmTags);
            }
            tags.setVisible(!vmTags.isEmpty());
            tags.setManaged(tags.isVisible());
            String path = Icons.forOsFamily(os.family());
            javafx.scene.Node icon = path.equals(iconPath) ? badge.getChildren().getFirst() : Icons.icon(path, "large");
            iconPath = path;
            javafx.scene.Node thumb = item.state().isActive() ? thumbnails.thumbnail(item) : null;
            if (thumb == null) {
                badge.setStyle(null);
                if (badge.getChildren().size() != 1 || badge.getChildren().getFirst() != icon) badge.getChildren().setAll(icon);
            } else {
                // the live screen covers the OS icon once its first picture arrives
                badge.setStyle(THUMBNAIL_BADGE);
                badge.getChildren().setAll(icon, thumb);
            }
            setAccessibleText(item.name() + ", " + StateText.label(item.state()) + ", " + osName);
        }
    }
}
