use replab_core::presets::experiments::ALL;
use replab_core::presets::plan::PresetSize;
fn main() {
    for e in ALL {
        let c = e.card();
        println!("== {} | setup: {}\n   differs: {}", c.title, c.setup, c.differences);
        for size in [PresetSize::Default, PresetSize::Full] {
            for j in e.jobs(size) {
                let h = &j.hp;
                println!("   [{size:?}] {} : {:?} hidden {} conv_hidden {} k {} loss {:?} lr {} batch {} epochs {} opt {:?} mom {} wd {} drop {} out {:?} patience {} init {:?} data {:?}",
                    j.label, h.model, h.hidden, h.conv_hidden, h.latent, h.loss, h.lr, h.batch, h.epochs, h.optimizer, h.momentum, h.weight_decay, h.dropout, h.output, h.patience, j.init, j.data);
            }
        }
    }
}
