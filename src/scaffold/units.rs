//! `qms demo --units N`: the repositories of N communes and wards under the
//! 34 provinces and centrally-run cities (two-tier local government since
//! July 2025), with the `units.yaml` a superior agency rolls them up from —
//! for benchmarks and tests of `qms assess --units`. Units are small and
//! varied: some have every document issued, some half, some none; one in
//! fifty cannot be read (its folder is missing, holds no repository, or its
//! repository is damaged), as in a real roll-up.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;

use super::synthetic::{self, Shape};

/// The provincial-level units since 1 July 2025 (Resolution 202/2025/QH15).
pub(crate) const PROVINCES: &[&str] = &[
    "Hà Nội",
    "Huế",
    "Hải Phòng",
    "Đà Nẵng",
    "Thành phố Hồ Chí Minh",
    "Cần Thơ",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Ninh Bình",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Trị",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Đồng Nai",
    "Tây Ninh",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
];

/// How a generated unit cannot be read, for one in fifty.
enum Unreadable {
    Missing,
    NoRepository,
    Damaged,
}

pub(crate) struct Summary {
    pub units: usize,
    pub unreadable: usize,
}

/// Generates `count` unit repositories and `units.yaml` into `dir` (which
/// must not exist or be empty); the same count and seed give the same units.
pub(crate) fn create(dir: &Path, count: usize, seed: u64) -> Result<Summary> {
    super::refuse_non_empty(dir)?;
    std::fs::create_dir_all(dir)?;
    let units: Vec<(String, String, String)> = (0..count)
        .map(|i| {
            let province = PROVINCES[i % PROVINCES.len()];
            let kind = if i % 3 == 0 { "phường" } else { "xã" };
            let name = format!("Ủy ban nhân dân {kind} Số {}, {province}", i + 1);
            let folder = format!("{}/{}-{:04}", crate::text::slug(province, 40), crate::text::slug(kind, 10), i + 1);
            (name, province.to_string(), folder)
        })
        .collect();
    units.par_iter().enumerate().try_for_each(|(i, (name, _, folder))| -> Result<()> {
        let path = dir.join(folder);
        let mix = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(i as u64);
        match unreadable(i) {
            Some(Unreadable::Missing) => Ok(()),
            Some(Unreadable::NoRepository) => std::fs::create_dir_all(&path).map_err(Into::into),
            damaged => {
                synthetic::create_with(
                    &path,
                    &Shape {
                        documents: 12 + (mix % 29) as usize,
                        seed: mix,
                        organisation: name,
                        issued_percent: [100, 100, 100, 90, 50, 0][(mix / 7 % 6) as usize],
                    },
                )?;
                if damaged.is_some() {
                    std::fs::write(path.join(".git/HEAD"), "không phải một tham chiếu\n")?;
                }
                Ok(())
            }
        }
    })?;
    let mut file = String::from("# Các đơn vị được tổng hợp đánh giá (dữ liệu tổng hợp, qms demo --units).\nunits:\n");
    for (name, province, folder) in &units {
        let id = folder.rsplit('/').next().unwrap_or(folder);
        let _ = writeln!(file, "  - {{id: {id}, name: \"{name}\", province: \"{province}\", path: {folder}}}");
    }
    std::fs::write(dir.join("units.yaml"), file)?;
    Ok(Summary {
        units: count,
        unreadable: (0..count).filter(|i| unreadable(*i).is_some()).count(),
    })
}

fn unreadable(i: usize) -> Option<Unreadable> {
    match i % 150 {
        49 => Some(Unreadable::Missing),
        99 => Some(Unreadable::NoRepository),
        149 => Some(Unreadable::Damaged),
        _ => None,
    }
}
