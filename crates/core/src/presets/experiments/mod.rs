//! The registry: every experiment of the reports, one file each, listed once here in the
//! order of their ids. Adding an experiment is a new file beside these and one line in
//! [`ALL`] (see ARCHITECTURE.md).

use super::experiment::Experiment;

mod shared;

mod a1;
mod a2;
mod a3;
mod a4;
mod a5;
mod a6;
mod a7;
mod a8;
mod a9;
mod b1;
mod b2;
mod b3;
mod b4;
mod b4c;
mod b5;
mod b6;
mod c1;
mod c2;
mod c3;
mod d1;
mod d2;
mod d3;
mod d4;
mod e1;
mod e2;
mod e3;
mod e4;
mod e5;

/// Every experiment, in the order of their ids (A1, A2, …, E5; B4's CIFAR-10 half after B4).
pub static ALL: &[&dyn Experiment] = &[
    &a1::A1,
    &a2::A2,
    &a3::A3,
    &a4::A4,
    &a5::A5,
    &a6::A6,
    &a7::A7,
    &a8::A8,
    &a9::A9,
    &b1::B1,
    &b2::B2,
    &b3::B3,
    &b4::B4,
    &b4c::B4Cifar,
    &b5::B5,
    &b6::B6,
    &c1::C1,
    &c2::C2,
    &c3::C3,
    &d1::D1,
    &d2::D2,
    &d3::D3,
    &d4::D4,
    &e1::E1,
    &e2::E2,
    &e3::E3,
    &e4::E4,
    &e5::E5,
];
